package io.clipstream.eval;

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

    /** One unit vector per label. */
    public static float[][] labelEmbeddings(ClipEncoder encoder, List<String> labels, List<String> templates, int batchSize) {
        List<String> prompts = new ArrayList<>();
        for (String label : labels) {
            for (String t : templates) {
                prompts.add(t.replace("{}", label));
            }
        }
        float[][] embedded = Embeddings.texts(encoder, prompts, batchSize);
        int dim = encoder.embeddingDimension();
        float[][] out = new float[labels.size()][dim];
        for (int l = 0; l < labels.size(); l++) {
            for (int t = 0; t < templates.size(); t++) {
                float[] e = embedded[l * templates.size() + t];
                for (int d = 0; d < dim; d++) {
                    out[l][d] += e[d];
                }
            }
            normalise(out[l]);
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

    static void normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = (float) (1 / Math.max(Math.sqrt(n), 1e-12));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
    }
}
