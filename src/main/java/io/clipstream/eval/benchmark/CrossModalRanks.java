package io.clipstream.eval.benchmark;

import java.util.stream.IntStream;

/**
 * Ranks of the standard protocol without holding the full similarity matrix (COCO 5K would need
 * 5,000 x 25,000 floats). Image query {@code i} is answered at rank r when r captions of other
 * images score at least as high as its best own caption; caption query {@code c} when r other images
 * score at least as high as its image. Ties count against the query, as in
 * {@link io.clipstream.eval.Retrieval#ranks}, which gives the same ranks from a full matrix.
 */
public final class CrossModalRanks {

    private CrossModalRanks() {}

    /** {@code [0]}: zero-based rank per image query; {@code [1]}: per caption query. */
    public static int[][] of(float[][] images, float[][] texts, int[] captionImage) {
        int n = images.length;
        int m = texts.length;
        float[] own = new float[m];
        for (int c = 0; c < m; c++) {
            own[c] = dot(images[captionImage[c]], texts[c]);
        }
        int[] i2t = new int[n];
        int chunks = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors() * 4));
        int[] t2i = IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
            int[] above = new int[m];
            float[] row = new float[m];
            for (int i = chunk; i < n; i += chunks) {
                float best = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < m; c++) {
                    row[c] = dot(images[i], texts[c]);
                    if (captionImage[c] == i) {
                        best = Math.max(best, row[c]);
                    }
                }
                int rank = 0;
                for (int c = 0; c < m; c++) {
                    if (captionImage[c] != i) {
                        if (row[c] >= best) {
                            rank++;
                        }
                        if (row[c] >= own[c]) {
                            above[c]++;
                        }
                    }
                }
                i2t[i] = best == Float.NEGATIVE_INFINITY ? Integer.MAX_VALUE : rank;
            }
            return above;
        }).reduce(new int[m], (a, b) -> {
            int[] s = new int[m];
            for (int c = 0; c < m; c++) {
                s[c] = a[c] + b[c];
            }
            return s;
        });
        return new int[][] {i2t, t2i};
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }
}
