package io.clipstream.jobs.deadletter;

import io.clipstream.schemas.DeadLetterEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.util.OutputTag;

/** Builds dead letters and names the side output every operator uses for them. */
public final class DeadLetters {
    /** The side output of refused records, shared by every operator of a job. */
    public static final OutputTag<DeadLetterEvent> TAG = new OutputTag<>("dead-letters") {};

    private DeadLetters() {}

    /**
     * A dead letter for a record that came from {@code topic/partition/offset}.
     *
     * @param original the record value (or the best available bytes of the input); cut to
     *     {@code capBytes}, the full length is kept in {@code originalSize}
     */
    public static DeadLetterEvent of(String topic, int partition, long offset, byte[] key, Stage stage,
            DeadLetterReason reason, String message, byte[] original, int capBytes) {
        byte[] value = original == null ? new byte[0] : original;
        byte[] kept = value.length > capBytes ? Arrays.copyOf(value, Math.max(0, capBytes)) : value;
        return DeadLetterEvent.newBuilder()
                .setSourceTopic(topic == null ? "" : topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceKey(key == null ? null : ByteBuffer.wrap(key))
                .setStage(stage.code())
                .setReason(reason.name())
                .setMessage(message == null ? reason.name() : truncate(message, 2000))
                .setOriginalBytes(ByteBuffer.wrap(kept))
                .setOriginalSize(value.length)
                .setTime(Instant.ofEpochMilli(System.currentTimeMillis()))
                .build();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
