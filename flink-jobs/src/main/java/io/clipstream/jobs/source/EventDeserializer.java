package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.ReasonTable;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.schemas.wire.EventCodec;
import io.clipstream.schemas.wire.WireFormatException;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes a Kafka record into a {@link Decoded} event and never throws: a value that is too
 * large, not in the wire format, or that fails validation becomes a dead letter with its
 * provenance and original bytes, so one bad record never restarts the job.
 */
@Internal
public final class EventDeserializer<T extends SpecificRecord> implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    /** Turns a tombstone (null value) into an event from its key, or returns null to refuse it. */
    public interface Tombstones<T> extends Function<byte[], T>, Serializable {}

    private final Class<T> type;
    private final EventCodec<T> codec;
    private final Validator<T> validator;
    private final int maxMessageBytes;
    private final int maxOriginalBytes;
    private final int maxKeyBytes;
    private final Tombstones<T> tombstones;

    /** A deserializer that accepts Kafka keys up to the default {@code source.max-record-key-bytes}. */
    public EventDeserializer(Class<T> type, Validator<T> validator, int maxMessageBytes, int maxOriginalBytes,
            Tombstones<T> tombstones) {
        this(type, validator, maxMessageBytes, maxOriginalBytes, SourceOptions.MAX_RECORD_KEY_BYTES.defaultValue(),
                tombstones);
    }

    /**
     * @param maxKeyBytes longest Kafka key accepted; a longer one is {@code FIELD_TOO_LARGE}, its
     *     dead letter keeping this many bytes of it
     */
    public EventDeserializer(Class<T> type, Validator<T> validator, int maxMessageBytes, int maxOriginalBytes,
            int maxKeyBytes, Tombstones<T> tombstones) {
        this.type = type;
        this.codec = EventCodec.of(type);
        this.validator = validator;
        this.maxMessageBytes = maxMessageBytes;
        this.maxOriginalBytes = maxOriginalBytes;
        this.maxKeyBytes = maxKeyBytes;
        this.tombstones = tombstones;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        out.collect(decode(record, System.currentTimeMillis()));
    }

    /** The decoding itself, without a collector. */
    @VisibleForTesting
    Decoded<T> decode(ConsumerRecord<byte[], byte[]> record, long nowMs) {
        byte[] value = record.value();
        try {
            if (record.key() != null && record.key().length > maxKeyBytes) {
                return refuse(record, nowMs, Stage.DESERIALIZE, DeadLetterReason.FIELD_TOO_LARGE, "record key of "
                        + record.key().length + " bytes exceeds the limit of " + maxKeyBytes + " (the first are kept)");
            }
            if (value == null) {
                T fromKey = tombstones == null ? null : tombstones.apply(record.key());
                if (fromKey == null) {
                    return refuse(record, nowMs, Stage.DESERIALIZE, DeadLetterReason.EMPTY_VALUE, "record has no value");
                }
                return checked(fromKey, record, nowMs);
            }
            if (value.length == 0) {
                return refuse(record, nowMs, Stage.DESERIALIZE, DeadLetterReason.EMPTY_VALUE, "record value has 0 bytes");
            }
            if (value.length > maxMessageBytes) {
                return refuse(record, nowMs, Stage.DESERIALIZE, DeadLetterReason.OVERSIZED,
                        "value of " + value.length + " bytes exceeds the limit of " + maxMessageBytes);
            }
            return checked(codec.decode(value), record, nowMs);
        } catch (WireFormatException e) {
            return refuse(record, nowMs, Stage.DESERIALIZE, reasonOf(e.reason()), type.getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // a validator or tombstone mapper bug must not stop the job either
            return refuse(record, nowMs, Stage.VALIDATE, DeadLetterReason.INVALID_FIELD,
                    type.getSimpleName() + " cannot be validated: " + e.getClass().getSimpleName());
        }
    }

    /** The dead-letter reason of a wire-format error, as {@link ReasonTable} maps it. */
    static DeadLetterReason reasonOf(WireFormatException.Reason reason) {
        return ReasonTable.of(reason);
    }

    private Decoded<T> checked(T event, ConsumerRecord<byte[], byte[]> record, long nowMs) {
        Validator.Violation violation = validator.check(event);
        if (violation != null) {
            return refuse(record, nowMs, Stage.VALIDATE, violation.reason(), violation.message());
        }
        return ok(event, record, nowMs);
    }

    private Decoded<T> ok(T event, ConsumerRecord<byte[], byte[]> r, long nowMs) {
        return Decoded.ok(event, r.topic(), r.partition(), r.offset(), r.timestamp(), nowMs)
                .withOrigin(r.key(), r.value(), maxOriginalBytes);
    }

    private Decoded<T> refuse(ConsumerRecord<byte[], byte[]> r, long nowMs, Stage stage, DeadLetterReason reason, String msg) {
        byte[] value = r.value();
        return Decoded.refused(DeadLetters.of(r.topic(), r.partition(), r.offset(), r.key(), maxKeyBytes, stage, reason,
                msg, value, value == null ? 0 : value.length, maxOriginalBytes),
                r.topic(), r.partition(), r.offset(), r.timestamp(), nowMs);
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeInfo(type);
    }
}
