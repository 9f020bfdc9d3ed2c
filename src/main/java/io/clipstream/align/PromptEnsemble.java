package io.clipstream.align;

import java.util.ArrayList;
import java.util.List;

/**
 * A label's vector from several prompts: each template filled with the label, the prompts'
 * embeddings averaged and re-normalised — the prompt ensembling of the CLIP paper, which is more
 * robust than any single prompt. Zero-shot evaluation and the tagging job both build their label
 * vectors here.
 */
public final class PromptEnsemble {

    /** Where the label goes in a template. */
    public static final String PLACEHOLDER = "{}";

    /** The template of a label that names none. */
    public static final String DEFAULT_TEMPLATE = "a photo of a {}";

    private PromptEnsemble() {}

    /** The prompts of {@code label}: {@code templates} filled in, or the default template when none. */
    public static List<String> prompts(String label, List<String> templates) {
        List<String> prompts = new ArrayList<>();
        if (templates == null || templates.isEmpty()) {
            prompts.add(fill(DEFAULT_TEMPLATE, label));
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

    /** The mean of {@code vectors}, scaled to unit length. */
    public static float[] meanNormalised(float[][] vectors) {
        return meanNormalised(vectors, 0, vectors.length);
    }

    /** The mean of {@code count} vectors from {@code vectors[from]}, scaled to unit length. */
    public static float[] meanNormalised(float[][] vectors, int from, int count) {
        float[] sum = new float[vectors[from].length];
        for (int i = from; i < from + count; i++) {
            float[] v = vectors[i];
            for (int k = 0; k < sum.length; k++) {
                sum[k] += v[k];
            }
        }
        // the mean and the sum point the same way; normalising either gives the same unit vector
        return Similarity.normalize(sum);
    }
}
