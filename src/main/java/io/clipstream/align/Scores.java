package io.clipstream.align;

/** Column, argmax and rank over the score matrices of the policies. */
final class Scores {

    private Scores() {}

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
