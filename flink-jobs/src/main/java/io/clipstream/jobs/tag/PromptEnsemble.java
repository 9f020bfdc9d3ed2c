package io.clipstream.jobs.tag;

import io.clipstream.align.Similarity;
import io.clipstream.jobs.record.LabelUpdate;
import io.clipstream.model.ClipEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A label's vector from several prompts: each template filled with the label, all encoded in one
 * model call, averaged and re-normalised — the prompt ensembling of the CLIP paper, which is more
 * robust than any single prompt.
 */
public final class PromptEnsemble {

    /** Where the label goes in a template. */
    public static final String PLACEHOLDER = "{}";

    private PromptEnsemble() {}

    /** The prompts of {@code label}: {@code templates} filled in, or the default template when none. */
    public static List<String> prompts(String label, List<String> templates) {
        List<String> prompts = new ArrayList<>();
        if (templates == null || templates.isEmpty()) {
            prompts.add(fill(LabelUpdate.DEFAULT_TEMPLATE, label));
        } else {
            for (String template : templates) {
                prompts.add(fill(template, label));
            }
        }
        return prompts;
    }

    /** {@code template} with its placeholder replaced by {@code label}; a template without one is refused. */
    public static String fill(String template, String label) {
        if (template == null || !template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("template '" + template + "' has no " + PLACEHOLDER + " for the label");
        }
        return template.replace(PLACEHOLDER, label);
    }

    /** The unit-length mean of the vectors of {@code label}'s prompts. */
    public static float[] encode(ClipEncoder model, String label, List<String> templates) {
        float[][] vectors = model.encodeTexts(prompts(label, templates));
        return meanNormalised(vectors);
    }

    /** The mean of {@code vectors}, scaled to unit length. */
    public static float[] meanNormalised(float[][] vectors) {
        float[] sum = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += v[k];
            }
        }
        // the mean and the sum point the same way; normalising either gives the same unit vector
        return Similarity.normalize(sum);
    }
}
