package io.clipstream.eval;

import io.clipstream.align.PromptEnsemble;
import io.clipstream.model.ClipEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot classification: every label is turned into prompts by the templates, the prompt
 * embeddings of a label are averaged and re-normalised (a prompt ensemble, as in the CLIP paper),
 * and an image takes the label of the closest ensemble.
 */
public final class ZeroShot {

    private ZeroShot() {}

    /** One unit vector per label: the {@link PromptEnsemble} of its prompts, encoded in batches. */
    public static float[][] labelEmbeddings(ClipEncoder encoder, List<String> labels, List<String> templates, int batchSize) {
        List<String> prompts = new ArrayList<>();
        for (String label : labels) {
            prompts.addAll(PromptEnsemble.prompts(label, templates));
        }
        float[][] embedded = BatchedEncoding.texts(encoder, prompts, batchSize);
        int perLabel = prompts.size() / Math.max(1, labels.size());
        float[][] out = new float[labels.size()][];
        for (int l = 0; l < labels.size(); l++) {
            out[l] = PromptEnsemble.meanNormalised(embedded, l * perLabel, perLabel);
        }
        return out;
    }

    /** Index of the best label per image. */
    public static int[] predict(float[][] images, float[][] labels) {
        float[][] sim = Retrieval.similarity(images, labels);
        int[] out = new int[images.length];
        for (int i = 0; i < sim.length; i++) {
            int best = 0;
            for (int l = 1; l < sim[i].length; l++) {
                if (sim[i][l] > sim[i][best]) {
                    best = l;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
