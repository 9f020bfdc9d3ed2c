package io.clipstream.jobs.sink;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.source.SourceOptions;
import java.nio.charset.StandardCharsets;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * How large an output record may be, and how the limits fit together.
 *
 * <p>Every record the sinks write has at most {@code sink.max-record-bytes} of key, value and
 * headers; the producers' {@code max.request.size} is that plus {@value #REQUEST_OVERHEAD_BYTES}
 * (Kafka's record and batch framing is below 300 bytes), and the output topics'
 * {@code max.message.bytes} must be at least {@code max.request.size}. With the defaults that is
 * 1,048,576 bytes, which Kafka's default topic limit (1,048,588) accepts. A dead letter is at
 * most {@code dead-letters.max-original-bytes + 2 * source.max-record-key-bytes +}
 * {@value DeadLetters#FIXED_BYTES} bytes plus the length of {@code ce_source}, and the
 * configuration is refused when that exceeds the record limit.
 */
@Internal
public final class RecordLimits {
    /** Room between the record limit and {@code max.request.size}, for Kafka's own framing. */
    public static final int REQUEST_OVERHEAD_BYTES = 1024;

    private RecordLimits() {}

    /** The largest record the sinks write (key + value + headers). */
    public static int maxRecordBytes(Configuration conf) {
        int max = conf.get(SinkOptions.MAX_RECORD_BYTES);
        if (max < 16 * 1024) {
            throw new IllegalArgumentException(SinkOptions.MAX_RECORD_BYTES.key() + " must be at least 16384, got " + max);
        }
        return max;
    }

    /** The producers' {@code max.request.size}, and the least {@code max.message.bytes} of an output topic. */
    public static int maxRequestSize(Configuration conf) {
        return maxRecordBytes(conf) + REQUEST_OVERHEAD_BYTES;
    }

    /** Refuses a configuration whose largest dead letter would not fit in an output record. */
    public static void checkDeadLetterBudget(Configuration conf, String ceSource) {
        long worst = (long) conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES)
                + 2L * conf.get(SourceOptions.MAX_RECORD_KEY_BYTES) + DeadLetters.FIXED_BYTES
                + ceSource.getBytes(StandardCharsets.UTF_8).length;
        if (worst > maxRecordBytes(conf)) {
            throw new IllegalArgumentException(DeadLetterOptions.MAX_ORIGINAL_BYTES.key() + " + 2 x "
                    + SourceOptions.MAX_RECORD_KEY_BYTES.key() + " + " + DeadLetters.FIXED_BYTES
                    + " (a dead letter's largest size, " + worst + ") must not exceed "
                    + SinkOptions.MAX_RECORD_BYTES.key() + " (" + maxRecordBytes(conf) + ")");
        }
    }

    /** Bytes of {@code r} that count against the record limit: key, value, header names and values. */
    public static int sizeOf(ProducerRecord<byte[], byte[]> r) {
        long n = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            n += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
