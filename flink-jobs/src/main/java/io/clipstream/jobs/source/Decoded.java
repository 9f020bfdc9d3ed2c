package io.clipstream.jobs.source;

import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.jobs.event.Provenance;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * One Kafka record after decoding: either the event with its provenance, or a dead letter.
 * A Flink POJO, so it travels between tasks with Avro serialisers and no Kryo.
 */
@PublicEvolving
public class Decoded<T> {
    /** The event, or null for a dead letter. */
    public T event;
    /** Why the record was refused, or null. */
    public DeadLetterEvent deadLetter;
    public String topic;
    public int partition;
    public long offset;
    /** Kafka timestamp of the record: when it was produced. */
    public long producedMs;
    /** When the pipeline read it. */
    public long ingestMs;
    /** Kafka key of the record, or null. */
    public byte[] sourceKey;
    /** The record's value cut to the dead-letter cap, for dead letters of later stages; null on a dead letter. */
    public byte[] original;
    /** Length of the record's value before the cut. */
    public long originalSize;

    public Decoded() {}

    static <T> Decoded<T> ok(T event, String topic, int partition, long offset, long producedMs, long ingestMs) {
        Decoded<T> d = new Decoded<>();
        d.event = event;
        d.topic = topic;
        d.partition = partition;
        d.offset = offset;
        d.producedMs = producedMs;
        d.ingestMs = ingestMs;
        return d;
    }

    static <T> Decoded<T> refused(DeadLetterEvent dl, String topic, int partition, long offset, long producedMs, long ingestMs) {
        Decoded<T> d = ok(null, topic, partition, offset, producedMs, ingestMs);
        d.deadLetter = dl;
        return d;
    }

    /** Where the record came from, with its key and (cut) value. */
    public Provenance provenance() {
        return new Provenance(topic, partition, offset, sourceKey, original, originalSize);
    }

    /** This record carrying its key and its value cut to {@code capBytes}. */
    Decoded<T> withOrigin(byte[] key, byte[] value, int capBytes) {
        sourceKey = key;
        original = value == null ? null : value.length > capBytes ? Arrays.copyOf(value, capBytes) : value;
        originalSize = value == null ? 0 : value.length;
        return this;
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }

    /** Flink type information for {@code Decoded<T>} of a generated Avro event class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends SpecificRecord> TypeInformation<Decoded<T>> typeInfo(Class<T> eventType) {
        TypeInformation<?> info = Types.POJO(Decoded.class, Map.of(
                "event", new AvroTypeInfo(eventType),
                "deadLetter", new AvroTypeInfo<>(DeadLetterEvent.class),
                "topic", Types.STRING,
                "partition", Types.INT,
                "offset", Types.LONG,
                "producedMs", Types.LONG,
                "ingestMs", Types.LONG,
                "sourceKey", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
                "original", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
                "originalSize", Types.LONG));
        return (TypeInformation<Decoded<T>>) (PojoTypeInfo) info;
    }
}
