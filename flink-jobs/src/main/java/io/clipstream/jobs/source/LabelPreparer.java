package io.clipstream.jobs.source;

import io.clipstream.align.PromptEnsemble;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.jobs.event.LabelUpdate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.util.Collector;

/**
 * The label stage before tagging: tokenises the prompts of a label update (its templates filled
 * with the label, {@link PromptEnsemble#prompts}) with the model folder's tokenizer, the entry the
 * caption stage uses ({@link CaptionTokens}), so that the tagger encodes token ids.
 *
 * <p>What the tagger refuses or applies without encoding (a removal, an update without a
 * vocabulary or label, a template without a placeholder) passes as it came; the tagger decides on
 * it as before. A prompt the tokenizer refuses makes a dead letter of stage {@code tokenize}.
 */
@Internal
public final class LabelPreparer extends TokenizingFunction<LabelUpdate, LabelUpdate> {
    private static final long serialVersionUID = 1L;

    public LabelPreparer(String modelDir) {
        super(modelDir);
    }

    @Override
    public void processElement(LabelUpdate update, Context ctx, Collector<LabelUpdate> out) {
        List<String> prompts;
        try {
            prompts = update.deleted || isBlank(update.vocabulary) || isBlank(update.label) ? List.of()
                    : PromptEnsemble.prompts(update.label, update.templates);
        } catch (IllegalArgumentException e) {
            prompts = List.of();
        }
        List<int[]> ids = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            try {
                ids.add(tokens.of(prompt));
            } catch (CaptionTokens.Refused refused) {
                ctx.output(DeadLetters.TAG, DeadLetters.refusal(update.provenance, Stage.TOKENIZE, refused.reason,
                        update.vocabulary + "/" + update.label, "prompt '" + prompt + "': " + refused.getMessage()));
                return;
            }
        }
        out.collect(update.withPromptTokens(ids));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
