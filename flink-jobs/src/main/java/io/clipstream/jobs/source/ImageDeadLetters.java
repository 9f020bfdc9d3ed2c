package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.ReasonTable;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.wire.EventCodec;

/**
 * Dead letters of the image stage: of stage {@code image} from the fetch and from the decoder alike,
 * of stage {@code tokenize} for a candidate caption the tokenizer refuses.
 */
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

    /** The refusal of an image whose candidate caption {@code index} cannot be tokenised. */
    static DeadLetterEvent candidate(Decoded<ImageEvent> in, int index, CaptionTokens.Refused refused,
            EventCodec<ImageEvent> codec, int maxOriginalBytes) {
        return DeadLetters.of(in.provenance(), Stage.TOKENIZE, refused.reason, "image " + in.event.getImageId()
                + ": candidate caption " + index + ": " + refused.getMessage(), codec.encode(in.event), maxOriginalBytes);
    }

    /** The dead-letter reason of an image refusal, as {@link ReasonTable} maps it. */
    static DeadLetterReason reasonOf(ImageRejectedException.Reason r) {
        return ReasonTable.of(r);
    }
}
