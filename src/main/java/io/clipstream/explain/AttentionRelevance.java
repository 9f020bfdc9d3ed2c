package io.clipstream.explain;

import java.util.List;

/**
 * The relevance rule of Chefer et al. (2021) for self-attention: starting from the identity,
 * each attention block in order adds {@code mean_heads(relu(grad ⊙ attn)) · R} to {@code R}, where
 * {@code attn} are the block's attention probabilities and {@code grad} the gradient of the
 * explained score with respect to them. A pooling query that is not one of the tokens (SigLIP's
 * attention probe) gets its row from its own attention over the tokens, {@link #probeRow}.
 */
final class AttentionRelevance {

    private AttentionRelevance() {}

    /**
     * @param attention per block, the probabilities of one sample, {@code heads * n * n} row-major
     * @param gradients per block, their gradients, same layout
     * @return {@code R}, {@code n x n}
     */
    static float[][] accumulate(List<float[]> attention, List<float[]> gradients, int heads, int n) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
        }
        for (int b = 0; b < attention.size(); b++) {
            float[] a = attention.get(b);
            float[] g = gradients.get(b);
            if (a.length != heads * n * n || g.length != a.length) {
                throw new IllegalArgumentException("block " + b + ": self-attention over " + n + " tokens with " + heads
                        + " heads has " + heads * n * n + " values, got " + a.length + " and " + g.length);
            }
            double[][] cam = new double[n][n];
            for (int h = 0; h < heads; h++) {
                int base = h * n * n;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double v = (double) a[base + i * n + j] * g[base + i * n + j];
                        if (v > 0) {
                            cam[i][j] += v / heads;
                        }
                    }
                }
            }
            double[][] next = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double c = cam[i][k];
                    if (c != 0) {
                        for (int j = 0; j < n; j++) {
                            next[i][j] += c * r[k][j];
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    next[i][j] += r[i][j];
                }
            }
            r = next;
        }
        float[][] out = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = (float) r[i][j];
            }
        }
        return out;
    }

    /**
     * The relevance row of a pooling query that is not itself a token: {@code mean_heads(relu(grad ⊙ attn)) · R}
     * without an identity term, since the query carries nothing of its own into the pooled output.
     *
     * @param attention the probe's probabilities of one sample, {@code heads * 1 * n}
     * @param gradient their gradients, same layout
     * @param r the relevance of the blocks before the probe, {@code n x n}
     * @return the row, {@code n} values
     */
    static float[] probeRow(float[] attention, float[] gradient, int heads, float[][] r) {
        int n = r.length;
        if (attention.length != heads * n || gradient.length != heads * n) {
            throw new IllegalArgumentException("a probe over " + n + " tokens with " + heads + " heads has "
                    + heads * n + " attention values, got " + attention.length + " and " + gradient.length);
        }
        double[] cam = new double[n];
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < n; j++) {
                double v = (double) attention[h * n + j] * gradient[h * n + j];
                if (v > 0) {
                    cam[j] += v / heads;
                }
            }
        }
        double[] row = new double[n];
        for (int k = 0; k < n; k++) {
            if (cam[k] != 0) {
                for (int j = 0; j < n; j++) {
                    row[j] += cam[k] * r[k][j];
                }
            }
        }
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) row[j];
        }
        return out;
    }
}
