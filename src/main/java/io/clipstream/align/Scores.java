package io.clipstream.align;

/**
 * Score matrices and softmax rows for the policies.
 *
 * <p>NOT FINISHED: {@link #cosine} and {@link #probabilities} delegate to the core's
 * {@code Similarity} as soon as it is in the build; until then they compute the same math here.
 */
final class Scores {

    private Scores() {}

    /** {@code cos[i][j]} of image {@code i} and caption {@code j}. */
    static float[][] cosines(float[][] images, float[][] captions) {
        float[][] cos = new float[images.length][captions.length];
        for (int i = 0; i < images.length; i++) {
            for (int j = 0; j < captions.length; j++) {
                cos[i][j] = cosine(images[i], captions[j]);
            }
        }
        return cos;
    }

    /** Cosine of two L2-normalised vectors: their dot product. */
    static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
        }
        return (float) dot;
    }

    /** {@code softmax(logitScale * cosines)}, computed stably. */
    static float[] probabilities(float[] cosines, float logitScale) {
        float[] p = new float[cosines.length];
        if (cosines.length == 0) {
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float c : cosines) {
            max = Math.max(max, (double) logitScale * c);
        }
        double sum = 0;
        double[] e = new double[cosines.length];
        for (int i = 0; i < cosines.length; i++) {
            e[i] = Math.exp((double) logitScale * cosines[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < cosines.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    static float[] column(float[][] matrix, int j) {
        float[] col = new float[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            col[i] = matrix[i][j];
        }
        return col;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** 1 + how many values are strictly greater than {@code values[index]}. */
    static int rank(float[] values, int index) {
        int rank = 1;
        for (float v : values) {
            if (v > values[index]) {
                rank++;
            }
        }
        return rank;
    }
}
