package io.clipstream.schemas.wire;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * A datum writer that writes an array of plain floats kept unboxed
 * ({@link PrimitivesArrays.FloatArray}, as embedding vectors are) straight from its values instead
 * of item by item through the generic dispatch. The bytes are the same as the generic writer's.
 */
final class VectorWriter<T> extends SpecificDatumWriter<T> {
    VectorWriter(Schema schema) {
        super(schema);
    }

    @Override
    protected void writeArray(Schema schema, Object datum, Encoder out) throws IOException {
        Schema items = schema.getElementType();
        if (datum instanceof PrimitivesArrays.FloatArray floats && items.getType() == Schema.Type.FLOAT
                && items.getLogicalType() == null) {
            int size = floats.size();
            out.writeArrayStart();
            out.setItemCount(size);
            for (int i = 0; i < size; i++) {
                out.startItem();
                out.writeFloat(floats.getFloat(i));
            }
            out.writeArrayEnd();
            return;
        }
        super.writeArray(schema, datum, out);
    }
}
