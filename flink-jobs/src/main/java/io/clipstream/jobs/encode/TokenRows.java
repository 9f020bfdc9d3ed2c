package io.clipstream.jobs.encode;

/** Token ids as the records carry them (ints) widened to the rows the model takes (longs). */
final class TokenRows {
    private TokenRows() {}

    static long[] of(int[] ids) {
        long[] row = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            row[i] = ids[i];
        }
        return row;
    }
}
