package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.wire.EventCodec;

/** Dead letters of stage {@code image}, from the fetch and from the decoder alike. */
final class ImageDeadLetters {
    private ImageDeadLetters() {}

    /**
     * The record's own Kafka key and bytes where the source kept them (else the record re-encoded):
     * never bytes that a fetch read.
     */
    static DeadLetterEvent of(Decoded<ImageEvent> in, DeadLetterReason reason, String message,
            EventCodec<ImageEvent> codec, int maxOriginalBytes) {
        return DeadLetters.of(in.provenance(), Stage.IMAGE, reason, "image " + in.event.getImageId() + ": " + message,
                codec.encode(in.event), maxOriginalBytes);
    }

    static DeadLetterReason reasonOf(ImageRejectedException.Reason r) {
        switch (r) {
            case TOO_LARGE_BYTES: return DeadLetterReason.IMAGE_TOO_LARGE;
            case TOO_MANY_PIXELS: return DeadLetterReason.IMAGE_TOO_MANY_PIXELS;
            case UNSUPPORTED_FORMAT: return DeadLetterReason.IMAGE_UNSUPPORTED_FORMAT;
            case UNSUPPORTED_URI: return DeadLetterReason.UNSUPPORTED_SCHEME;
            case REFUSED: return DeadLetterReason.FETCH_REFUSED;
            case FETCH_TIMEOUT: return DeadLetterReason.FETCH_TIMEOUT;
            case NOT_FOUND:
            case FORBIDDEN:
            case FETCH_FAILED: return DeadLetterReason.FETCH_FAILED;
            case EMPTY:
            case CORRUPT:
            default: return DeadLetterReason.IMAGE_CORRUPT;
        }
    }
}
