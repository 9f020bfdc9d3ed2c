package io.clipstream.jobs.match;

/** Dot products of L2-normalised vectors, which are their cosines. */
final class Vectors {

    private Vectors() {}

    static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
        }
        return (float) dot;
    }
}
