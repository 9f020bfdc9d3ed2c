package io.clipstream.align;

import java.util.Arrays;

/**
 * The optimal one-to-one assignment of rows to columns of a score matrix, maximising the total
 * score (Kuhn-Munkres with potentials, {@code O(n^3)} for {@code n = max(rows, columns)}).
 *
 * <p>Why not greedy: taking the best remaining pair first can be arbitrarily worse. With scores
 * {@code [[0.9, 0.8], [0.85, 0.1]]} greedy pairs (0,0) then (1,1) for 1.0 in total, while the
 * optimum (0,1), (1,0) reaches 1.65 and gives both images a fitting caption. The matching operator
 * bounds what it keeps per key, so {@code n} stays small and the exact optimum costs microseconds.
 */
public final class HungarianAssignment {

    private HungarianAssignment() {}

    /**
     * For every row, the column assigned to it, or {@code -1} when there are more rows than columns
     * and the row is left out. Rectangular matrices are allowed.
     */
    public static int[] maximise(float[][] scores) {
        int rows = scores.length;
        int cols = rows == 0 ? 0 : scores[0].length;
        int[] assignment = new int[rows];
        Arrays.fill(assignment, -1);
        if (rows == 0 || cols == 0) {
            return assignment;
        }
        int n = Math.max(rows, cols);
        double max = Double.NEGATIVE_INFINITY;
        for (float[] row : scores) {
            for (float s : row) {
                max = Math.max(max, s);
            }
        }
        // minimise cost = max - score; padding cells cost the same for every choice, so they do not
        // change which real pairs are optimal
        double[][] cost = new double[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                cost[i][j] = (i <= rows && j <= cols) ? max - scores[i - 1][j - 1] : 0.0;
            }
        }
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost[i0][j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= n; j++) {
            int i = p[j];
            if (i >= 1 && i <= rows && j <= cols) {
                assignment[i - 1] = j - 1;
            }
        }
        return assignment;
    }
}
