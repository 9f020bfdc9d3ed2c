package io.clipstream.jobs.deadletter;

import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.DeadLetterEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.OutputTag;

/**
 * Builds dead letters and names the one side output every operator uses for them.
 *
 * <p>A refused record leaves its operator as a {@link DeadLetterEvent} on {@link #TAG}, whatever
 * the stage: it carries the {@link Stage}, the {@link DeadLetterReason} and the provenance (topic,
 * partition, offset, key and original bytes). Read them with
 * {@code operator.getSideOutput(DeadLetters.TAG)}.
 *
 * <p>A dead letter is bounded whatever it refuses: the original bytes are cut to the configured
 * cap, the key to the record-key limit, the message to {@value #MAX_MESSAGE_CHARS} characters; so
 * its size is at most {@code originalCap + 2 * keyCap + }{@value #FIXED_BYTES} bytes (the key is
 * written twice: as {@code sourceKey} and as the Kafka key). {@link #shrink} cuts one further
 * when a sink must make it fit.
 */
@PublicEvolving
public final class DeadLetters {
    /** The side output of refused records, shared by every operator of a job. */
    public static final OutputTag<DeadLetterEvent> TAG = new OutputTag<>("dead-letters") {};

    /** Longest message kept on a dead letter, in characters. */
    public static final int MAX_MESSAGE_CHARS = 2000;

    /**
     * Upper bound of a dead letter's bytes other than its original bytes and its key: the message
     * (at most 3 bytes per character), topic name (at most 249 characters), stage, reason, numbers
     * and Avro framing, and the CloudEvents headers other than {@code ce_source}.
     */
    public static final int FIXED_BYTES = 8 * 1024;

    /** Longest record id quoted in the message of a {@link #refusal}, in characters. */
    private static final int MAX_ID_CHARS = 300;

    private DeadLetters() {}

    /**
     * A dead letter for a record that came from {@code topic/partition/offset}, its key cut to
     * the default record-key limit.
     *
     * @param original the record value (or the best available bytes of the input); cut to
     *     {@code capBytes}, the full length is kept in {@code originalSize}
     */
    public static DeadLetterEvent of(String topic, int partition, long offset, byte[] key, Stage stage,
            DeadLetterReason reason, String message, byte[] original, int capBytes) {
        return of(topic, partition, offset, key, SourceOptions.MAX_RECORD_KEY_BYTES.defaultValue(), stage, reason,
                message, original, original == null ? 0 : original.length, capBytes);
    }

    /**
     * A dead letter whose key is cut to {@code keyCap} bytes and whose original bytes, of which
     * {@code originalSize} existed, are cut to {@code capBytes}.
     */
    public static DeadLetterEvent of(String topic, int partition, long offset, byte[] key, int keyCap, Stage stage,
            DeadLetterReason reason, String message, byte[] original, long originalSize, int capBytes) {
        byte[] value = original == null ? new byte[0] : original;
        byte[] kept = value.length > capBytes ? Arrays.copyOf(value, Math.max(0, capBytes)) : value;
        byte[] k = key == null ? null : key.length > keyCap ? Arrays.copyOf(key, Math.max(0, keyCap)) : key;
        return DeadLetterEvent.newBuilder()
                .setSourceTopic(topic == null ? "" : topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceKey(k == null ? null : ByteBuffer.wrap(k))
                .setStage(stage.code())
                .setReason(reason.name())
                .setMessage(message == null ? reason.name() : truncate(message, MAX_MESSAGE_CHARS))
                .setOriginalBytes(ByteBuffer.wrap(kept))
                .setOriginalSize(Math.max(originalSize, value.length))
                .setTime(Instant.ofEpochMilli(System.currentTimeMillis()))
                .build();
    }

    /** A dead letter for a record whose {@link Provenance} (and origin, where known) is at hand. */
    public static DeadLetterEvent of(Provenance p, Stage stage, DeadLetterReason reason, String message,
            byte[] fallbackOriginal, int capBytes) {
        if (p == null) {
            p = Provenance.unknown();
        }
        boolean hasOrigin = p.original != null;
        byte[] original = hasOrigin ? p.original : fallbackOriginal;
        long size = hasOrigin ? p.originalSize : fallbackOriginal == null ? 0 : fallbackOriginal.length;
        return of(p.topic, p.partition, p.offset, p.sourceKey, Integer.MAX_VALUE, stage, reason, message, original,
                size, capBytes);
    }

    /**
     * The dead letter of a record that an operator past the source refuses (encoder, tagger):
     * the message names the record's id; the original bytes are the record's own where its
     * provenance carries them, else the id. The original bytes are cut to
     * {@code dead-letters.max-original-bytes} on the way to the sink ({@link #capOriginal}).
     *
     * @param id the id of the refused image, caption or label ({@code vocabulary/label}); may be null
     */
    public static DeadLetterEvent refusal(Provenance p, Stage stage, DeadLetterReason reason, String id,
            String message) {
        byte[] fallback = id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
        String prefix = id == null ? "" : (id.length() > MAX_ID_CHARS ? id.substring(0, MAX_ID_CHARS) + "..." : id) + ": ";
        return of(p, stage, reason, prefix + message, fallback, Integer.MAX_VALUE);
    }

    /**
     * {@code d} with its original bytes cut to {@code capBytes} (the full length stays in
     * {@code originalSize}); {@code d} itself when it is within the cap.
     */
    public static DeadLetterEvent capOriginal(DeadLetterEvent d, int capBytes) {
        ByteBuffer original = d.getOriginalBytes();
        if (original.remaining() <= capBytes) {
            return d;
        }
        byte[] kept = new byte[Math.max(0, capBytes)];
        original.duplicate().get(kept);
        return DeadLetterEvent.newBuilder(d).setOriginalBytes(ByteBuffer.wrap(kept)).build();
    }

    /**
     * A copy of {@code d} about {@code overBy} bytes smaller: the original bytes are cut first,
     * then the message, then the key. Returns {@code d} itself when there is nothing left to cut.
     */
    public static DeadLetterEvent shrink(DeadLetterEvent d, int overBy) {
        int cut = overBy + 64;
        ByteBuffer original = d.getOriginalBytes().duplicate();
        DeadLetterEvent.Builder b = DeadLetterEvent.newBuilder(d);
        if (original.remaining() > 0) {
            int keep = Math.max(0, original.remaining() - cut);
            byte[] kept = new byte[keep];
            original.get(kept);
            return b.setOriginalBytes(ByteBuffer.wrap(kept)).build();
        }
        if (d.getMessage().length() > 200) {
            return b.setMessage(truncate(d.getMessage(), 200)).build();
        }
        if (d.getSourceKey() != null) {
            return b.setSourceKey(null).build();
        }
        return d;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
