package io.clipstream.explain;

import java.util.List;

/**
 * The relevance rule of Chefer et al. (2021) for self-attention: starting from the identity,
 * each attention block in order adds {@code mean_heads(relu(grad ⊙ attn)) · R} to {@code R}, where
 * {@code attn} are the block's attention probabilities and {@code grad} the gradient of the
 * explained score with respect to them.
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
}
