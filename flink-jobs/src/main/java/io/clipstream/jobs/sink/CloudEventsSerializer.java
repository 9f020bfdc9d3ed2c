package io.clipstream.jobs.sink;

import io.clipstream.schemas.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
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
 */
public final class CloudEventsSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** {@code content-type} of every value. */
    public static final String CONTENT_TYPE = "application/avro";

    private final String topic;
    private final EventCodec<T> codec;
    private final String ceType;
    private final String ceSource;
    private final SerializableFunction<T, String> key;

    /**
     * @param ceType for example {@code io.clipstream.match.v1}
     * @param key the Kafka record key, or null for none
     */
    public CloudEventsSerializer(Class<T> type, String topic, String ceType, String ceSource,
            SerializableFunction<T, String> key) {
        this.topic = topic;
        this.codec = EventCodec.of(type);
        this.ceType = ceType;
        this.ceSource = ceSource;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        byte[] value = codec.encode(element);
        String k = key == null ? null : key.apply(element);
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("ce_id", utf8(UUID.nameUUIDFromBytes(value).toString()));
        headers.add("ce_source", utf8(ceSource));
        headers.add("ce_type", utf8(ceType));
        headers.add("ce_time", utf8(DateTimeFormatter.ISO_INSTANT.format(Instant.now())));
        headers.add("ce_dataschema", utf8(String.format("urn:avro:%s:%016x", codec.schema().getFullName(), codec.fingerprint())));
        headers.add("content-type", utf8(CONTENT_TYPE));
        return new ProducerRecord<>(topic, null, null, k == null ? null : utf8(k), value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
