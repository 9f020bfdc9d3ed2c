package io.clipstream.jobs.sink;

import io.clipstream.schemas.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes an event as an Avro single-object value with the CloudEvents 1.0 Kafka binary-binding
 * headers ({@code ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type},
 * {@code ce_time}, {@code ce_dataschema}, {@code content-type}).
 *
 * <p>{@code ce_id} is derived from the value bytes, so a record re-sent after a failure (at least
 * once) carries the same id and consumers can drop the duplicate.
 *
 * <p>With {@link #fitting}, a record larger than the limit is shrunk by the given function until
 * it fits, so the sink can never fail on its size (the dead-letter sink uses it; results are
 * kept within the limit before the sink, by {@link OutputGuard}).
 */
@Internal
public final class CloudEventsSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** {@code content-type} of every value. */
    public static final String CONTENT_TYPE = "application/avro";

    /** Makes an event about {@code overBy} bytes smaller; returns it unchanged when it cannot. */
    @FunctionalInterface
    public interface Shrinker<T> extends java.io.Serializable {
        T shrink(T event, int overBy);
    }

    private final String topic;
    private final EventCodec<T> codec;
    private final String ceType;
    private final String ceSource;
    private final SerializableFunction<T, byte[]> key;
    private final int maxRecordBytes;
    private final Shrinker<T> shrinker;
    private transient long headerBound;
    private transient Fixed fixed;

    /** The header values that are the same on every record, encoded once. */
    private record Fixed(byte[] specversion, byte[] source, byte[] type, byte[] dataschema, byte[] contentType) {}

    /**
     * @param ceType for example {@code io.clipstream.match.v1}
     * @param key the Kafka record key, or null for none
     */
    public CloudEventsSerializer(Class<T> type, String topic, String ceType, String ceSource,
            SerializableFunction<T, String> key) {
        this(type, topic, ceType, ceSource, key == null ? null : e -> utf8(key.apply(e)), Integer.MAX_VALUE, null);
    }

    private CloudEventsSerializer(Class<T> type, String topic, String ceType, String ceSource,
            SerializableFunction<T, byte[]> key, int maxRecordBytes, Shrinker<T> shrinker) {
        this.topic = topic;
        this.codec = EventCodec.of(type);
        this.ceType = ceType;
        this.ceSource = ceSource;
        this.key = key;
        this.maxRecordBytes = maxRecordBytes;
        this.shrinker = shrinker;
    }

    /**
     * A serializer whose key is given as bytes, written as they are, and whose records are
     * shrunk to at most {@code maxRecordBytes} (key + value + headers).
     */
    public static <T extends SpecificRecord> CloudEventsSerializer<T> fitting(Class<T> type, String topic,
            String ceType, String ceSource, SerializableFunction<T, byte[]> key, int maxRecordBytes,
            Shrinker<T> shrinker) {
        return new CloudEventsSerializer<>(type, topic, ceType, ceSource, key, maxRecordBytes, shrinker);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> r = record(element);
        for (int attempt = 0; shrinker != null && attempt < 8; attempt++) {
            int over = RecordLimits.sizeOf(r) - maxRecordBytes;
            if (over <= 0) {
                break;
            }
            T smaller = shrinker.shrink(element, over);
            if (smaller == element) {
                break;
            }
            element = smaller;
            r = record(element);
        }
        return r;
    }

    /** The value bytes of {@code element}, as the record carries them. */
    public byte[] value(T element) {
        return codec.encode(element);
    }

    /** Bytes the record of {@code element} counts against the record limit (exactly). */
    public int sizeOf(T element) {
        return RecordLimits.sizeOf(record(element));
    }

    /**
     * An upper bound of {@link #sizeOf}, found without encoding: the value's Avro length bound
     * (strings at 3 bytes per character, numbers at their longest), the key and the headers with
     * {@code ce_time} at its longest.
     */
    public long maxSizeOf(T element) {
        byte[] k = key == null ? null : key.apply(element);
        return EventCodec.HEADER_LENGTH + AvroSizes.upperBound(codec.schema(), element) + (k == null ? 0 : k.length)
                + headerBound();
    }

    private long headerBound() {
        if (headerBound == 0) {
            headerBound = computeHeaderBound();
        }
        return headerBound;
    }

    private long computeHeaderBound() {
        String dataschema = dataschema();
        return "ce_specversion".length() + 3 + "ce_id".length() + 36 + "ce_source".length() + utf8(ceSource).length
                + "ce_type".length() + utf8(ceType).length + "ce_time".length() + 40 + "ce_dataschema".length()
                + dataschema.length() + "content-type".length() + CONTENT_TYPE.length();
    }

    private ProducerRecord<byte[], byte[]> record(T element) {
        byte[] value = codec.encode(element);
        byte[] k = key == null ? null : key.apply(element);
        Fixed f = fixed();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", f.specversion());
        headers.add("ce_id", utf8(ContentIds.nameUuid(value)));
        headers.add("ce_source", f.source());
        headers.add("ce_type", f.type());
        headers.add("ce_time", utf8(DateTimeFormatter.ISO_INSTANT.format(Instant.now())));
        headers.add("ce_dataschema", f.dataschema());
        headers.add("content-type", f.contentType());
        return new ProducerRecord<>(topic, null, null, k, value, headers);
    }

    private Fixed fixed() {
        if (fixed == null) {
            fixed = new Fixed(utf8("1.0"), utf8(ceSource), utf8(ceType), utf8(dataschema()), utf8(CONTENT_TYPE));
        }
        return fixed;
    }

    private String dataschema() {
        return String.format("urn:avro:%s:%016x", codec.schema().getFullName(), codec.fingerprint());
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
