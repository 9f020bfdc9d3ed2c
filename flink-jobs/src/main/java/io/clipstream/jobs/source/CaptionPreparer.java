package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.jobs.event.CaptionToEncode;
import org.apache.flink.annotation.Internal;
import org.apache.flink.util.Collector;

/**
 * The caption stage before the encoder, as {@link ImagePreparer} is the image stage: tokenises
 * each caption with the model folder's tokenizer (special tokens added, cut to the context length
 * as the model cuts it), so that the encoder's batch carries token ids and its model call runs the
 * network alone.
 *
 * <p>Only the tokenizer is loaded (no weights), once per subtask. A caption without a visible
 * character or with no token at all, and one the tokenizer fails on, leave through
 * {@link DeadLetters#TAG} with stage {@code tokenize}.
 */
@Internal
public final class CaptionPreparer extends TokenizingFunction<CaptionToEncode, CaptionToEncode> {
    private static final long serialVersionUID = 1L;

    public CaptionPreparer(String modelDir) {
        super(modelDir);
    }

    @Override
    public void processElement(CaptionToEncode caption, Context ctx, Collector<CaptionToEncode> out) {
        try {
            out.collect(caption.withTokens(tokens.of(caption.text)));
        } catch (CaptionTokens.Refused refused) {
            ctx.output(DeadLetters.TAG, DeadLetters.refusal(caption.provenance, Stage.TOKENIZE, refused.reason,
                    caption.id, refused.getMessage()));
        }
    }
}
