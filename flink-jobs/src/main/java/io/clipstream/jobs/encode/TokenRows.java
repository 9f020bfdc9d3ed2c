package io.clipstream.jobs.encode;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/** Token ids as the records carry them (ints) widened to the rows the model takes (longs). */
@Internal
public final class TokenRows {
    private TokenRows() {}

    /** One row. */
    public static long[] of(int[] ids) {
        long[] row = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            row[i] = ids[i];
        }
        return row;
    }

    /** Rows, in order. */
    public static List<long[]> of(List<int[]> ids) {
        List<long[]> rows = new ArrayList<>(ids.size());
        for (int[] row : ids) {
            rows.add(of(row));
        }
        return rows;
    }
}
