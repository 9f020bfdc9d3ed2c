package io.clipstream.jobs.deadletter;

import io.clipstream.jobs.record.Rejected;
import io.clipstream.schemas.DeadLetterEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns an operator's {@link Rejected} record into the dead-letter event of the topic. */
public final class RejectedToDeadLetter implements MapFunction<Rejected, DeadLetterEvent> {
    private static final long serialVersionUID = 1L;

    private final int maxOriginalBytes;

    public RejectedToDeadLetter(int maxOriginalBytes) {
        this.maxOriginalBytes = maxOriginalBytes;
    }

    @Override
    public DeadLetterEvent map(Rejected r) {
        // the record's own key and bytes where its provenance carries them, else what the operator had
        byte[] fallback = r.payload != null ? r.payload
                : r.sourceId == null ? new byte[0] : r.sourceId.getBytes(StandardCharsets.UTF_8);
        String id = r.sourceId == null ? "" : (r.sourceId.length() > 300 ? r.sourceId.substring(0, 300) + "..." : r.sourceId) + ": ";
        return DeadLetters.of(r.provenance, stageOf(r.stage), reasonOf(r), id + r.message, fallback, maxOriginalBytes);
    }

    static Stage stageOf(String stage) {
        if (stage == null) {
            return Stage.ENCODE;
        }
        if (stage.startsWith("tag")) {
            return Stage.TAG;
        }
        if (stage.startsWith("match")) {
            return Stage.MATCH;
        }
        return Stage.ENCODE;
    }

    static DeadLetterReason reasonOf(Rejected r) {
        if (r.reason == null) {
            return DeadLetterReason.ENCODE_FAILED;
        }
        switch (r.reason) {
            case EMPTY_TEXT: return DeadLetterReason.EMPTY_CAPTION;
            case UNKNOWN_VOCABULARY: return DeadLetterReason.UNKNOWN_VOCABULARY;
            case INVALID_LABEL: return DeadLetterReason.INVALID_FIELD;
            case INVALID_PIXELS: return DeadLetterReason.IMAGE_CORRUPT;
            case ENCODE_FAILED:
            default: return DeadLetterReason.ENCODE_FAILED;
        }
    }
}
