package io.clipstream.jobs.sink;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * An upper bound of the Avro binary encoding's length of a datum, computed by walking it against
 * its schema without encoding: far cheaper than encoding, and never below the true length
 * (variable-length integers are counted at their largest).
 */
final class AvroSizes {
    private static final int MAX_VARINT = 10;

    private AvroSizes() {}

    /** The bound of every value of a primitive {@code schema} whose bound does not depend on the value, else -1. */
    private static long fixedBound(Schema schema) {
        switch (schema.getType()) {
            case NULL: return 0;
            case BOOLEAN: return 1;
            case INT:
            case LONG:
            case ENUM: return MAX_VARINT;
            case FLOAT: return 4;
            case DOUBLE: return 8;
            case FIXED: return schema.getFixedSize();
            default: return -1;
        }
    }

    static long upperBound(Schema schema, Object datum) {
        long fixed = fixedBound(schema);
        if (fixed >= 0) {
            return fixed;
        }
        switch (schema.getType()) {
            case STRING: return MAX_VARINT + utf8Bound(datum);
            case BYTES: return MAX_VARINT + bytesLength(datum);
            case UNION: {
                int branch = GenericData.get().resolveUnion(schema, datum);
                return MAX_VARINT + upperBound(schema.getTypes().get(branch), datum);
            }
            case ARRAY: {
                Collection<?> items = (Collection<?>) datum;
                long n = 2L * MAX_VARINT;
                long each = fixedBound(schema.getElementType());
                if (each >= 0) {
                    // every item the same bound (vectors of floats): no need to look at them
                    return n + each * items.size();
                }
                for (Object item : items) {
                    n += upperBound(schema.getElementType(), item);
                }
                return n;
            }
            case MAP: {
                long n = 2L * MAX_VARINT;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    n += MAX_VARINT + utf8Bound(e.getKey()) + upperBound(schema.getValueType(), e.getValue());
                }
                return n;
            }
            case RECORD: {
                IndexedRecord record = (IndexedRecord) datum;
                long n = 0;
                for (Schema.Field f : schema.getFields()) {
                    n += upperBound(f.schema(), record.get(f.pos()));
                }
                return n;
            }
            default: throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
        }
    }

    private static long utf8Bound(Object s) {
        // at most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units)
        return 3L * ((CharSequence) s).length();
    }

    private static long bytesLength(Object b) {
        if (b instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (b instanceof GenericFixed fixed) {
            return fixed.bytes().length;
        }
        return ((byte[]) b).length;
    }
}
