package io.clipstream.eval;

/**
 * Ranks and Recall@K of cross-modal retrieval. A query is answered correctly at rank r when r
 * wrong candidates score at least as high as its best correct candidate; "correct" means the same
 * class id, so duplicate names (two emoji both called "man in tuxedo") do not count as misses. Ties
 * count against the query, so a model that scores everything equal gets no credit.
 */
public final class Retrieval {

    private Retrieval() {}

    /**
     * Zero-based rank of each query's best correct candidate.
     *
     * @param scores {@code scores[q][c]}: similarity of query q and candidate c
     * @param queryClass class id of each query
     * @param candidateClass class id of each candidate
     * @return the rank per query, or {@code Integer.MAX_VALUE} when no candidate has its class
     */
    public static int[] ranks(float[][] scores, int[] queryClass, int[] candidateClass) {
        int[] ranks = new int[scores.length];
        for (int q = 0; q < scores.length; q++) {
            float[] row = scores[q];
            float best = Float.NEGATIVE_INFINITY;
            boolean found = false;
            for (int c = 0; c < row.length; c++) {
                if (candidateClass[c] == queryClass[q] && (!found || row[c] > best)) {
                    best = row[c];
                    found = true;
                }
            }
            if (!found) {
                ranks[q] = Integer.MAX_VALUE;
                continue;
            }
            int above = 0;
            for (int c = 0; c < row.length; c++) {
                if (candidateClass[c] != queryClass[q] && row[c] >= best) {
                    above++;
                }
            }
            ranks[q] = above;
        }
        return ranks;
    }

    /** Fraction of queries whose rank is below k. */
    public static double recallAt(int[] ranks, int k) {
        if (ranks.length == 0) {
            return 0;
        }
        int hits = 0;
        for (int r : ranks) {
            if (r < k) {
                hits++;
            }
        }
        return (double) hits / ranks.length;
    }

    /** Scores transposed: candidate-major becomes query-major, for the other retrieval direction. */
    public static float[][] transpose(float[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        float[][] t = new float[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }

    /** Dot products of two sets of vectors (cosines when both are L2-normalised). */
    public static float[][] similarity(float[][] a, float[][] b) {
        float[][] out = new float[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                float s = 0;
                float[] x = a[i];
                float[] y = b[j];
                for (int d = 0; d < x.length; d++) {
                    s += x[d] * y[d];
                }
                out[i][j] = s;
            }
        }
        return out;
    }
}
