package io.clipstream.jobs.source;

import io.clipstream.schemas.DeadLetterEvent;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * One Kafka record after decoding: either the event with its provenance, or a dead letter.
 * A Flink POJO, so it travels between tasks with Avro serialisers and no Kryo.
 */
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
                "ingestMs", Types.LONG));
        return (TypeInformation<Decoded<T>>) (PojoTypeInfo) info;
    }
}
