package io.clipstream.align;

/**
 * Similarity in CLIP's shared space: cosines of L2-normalised vectors and CLIP's probabilities
 * over candidates, {@code softmax(logitScale * cosine)}. A model family's own rule (SigLIP's
 * sigmoid included) is its {@link ScoringRule}.
 */
public final class Similarity {

    private Similarity() {}

    /**
     * Cosine of two L2-normalised vectors, i.e. their dot product (accumulated in double).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
        }
        return (float) dot;
    }

    /** {@code cos[i][j]} of every row of {@code a} against every row of {@code b}. */
    public static float[][] cosines(float[][] a, float[][] b) {
        float[][] cos = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                cos[i][j] = cosine(a[i], b[j]);
            }
        }
        return cos;
    }

    /**
     * CLIP's probabilities over candidates: {@code softmax(logitScale * cosines)}. The largest
     * logit is subtracted before exponentiating, so large scales neither overflow nor lose the
     * ordering; an empty input gives an empty result.
     *
     * @param logitScale {@code exp} of the model's stored logit scale (e.g. 100 for openai CLIP)
     */
    public static float[] probabilities(float logitScale, float[] cosines) {
        float[] p = new float[cosines.length];
        if (cosines.length == 0) {
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float c : cosines) {
            max = Math.max(max, (double) logitScale * c);
        }
        double[] e = new double[cosines.length];
        double sum = 0;
        for (int i = 0; i < cosines.length; i++) {
            e[i] = Math.exp((double) logitScale * cosines[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < cosines.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /** A copy of {@code v} scaled to unit length (a zero vector stays zero). */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }
}
