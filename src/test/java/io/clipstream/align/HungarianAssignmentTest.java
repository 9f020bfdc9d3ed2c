package io.clipstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianAssignmentTest {

    private static final double TOLERANCE = 1e-5;

    @Test
    void beatsGreedyWhereGreedyIsSuboptimal() {
        float[][] scores = {{0.9f, 0.8f}, {0.85f, 0.1f}};
        int[] assignment = HungarianAssignment.maximise(scores);
        assertThat(assignment).containsExactly(1, 0);
        assertThat(total(scores, assignment)).isCloseTo(1.65, offset(TOLERANCE));
    }

    @Test
    void moreRowsThanColumnsLeavesTheWorstRowOut() {
        float[][] scores = {{0.1f, 0.2f}, {0.9f, 0.3f}, {0.2f, 0.8f}};
        assertThat(HungarianAssignment.maximise(scores)).containsExactly(-1, 0, 1);
    }

    @Test
    void moreColumnsThanRowsPicksTheBestColumns() {
        float[][] scores = {{0.1f, 0.7f, 0.6f}, {0.2f, 0.65f, 0.1f}};
        // 0.6 + 0.65 = 1.25 beats 0.7 + 0.2 = 0.9
        assertThat(HungarianAssignment.maximise(scores)).containsExactly(2, 1);
    }

    @Test
    void emptyMatricesAssignNothing() {
        assertThat(HungarianAssignment.maximise(new float[0][0])).isEmpty();
        assertThat(HungarianAssignment.maximise(new float[][] {{}, {}})).containsExactly(-1, -1);
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(6);
            int cols = 1 + random.nextInt(6);
            float[][] scores = new float[rows][cols];
            for (float[] row : scores) {
                for (int j = 0; j < cols; j++) {
                    row[j] = random.nextFloat() * 2 - 1;
                }
            }
            int[] assignment = HungarianAssignment.maximise(scores);
            assertValid(assignment, rows, cols);
            assertThat(total(scores, assignment))
                    .as("trial %d (%dx%d)", trial, rows, cols)
                    .isCloseTo(bruteForceBest(scores, 0, new boolean[cols]), offset(TOLERANCE));
        }
    }

    private static void assertValid(int[] assignment, int rows, int cols) {
        boolean[] used = new boolean[cols];
        int assigned = 0;
        for (int j : assignment) {
            if (j >= 0) {
                assertThat(used[j]).as("column %d assigned twice", j).isFalse();
                used[j] = true;
                assigned++;
            }
        }
        assertThat(assigned).isEqualTo(Math.min(rows, cols));
    }

    private static double total(float[][] scores, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                sum += scores[i][assignment[i]];
            }
        }
        return sum;
    }

    /** Best total over every assignment of min(rows, cols) pairs. */
    private static double bruteForceBest(float[][] scores, int row, boolean[] used) {
        int rows = scores.length;
        int cols = scores[0].length;
        if (row == rows) {
            return 0;
        }
        int remainingRows = rows - row;
        int freeCols = 0;
        for (boolean u : used) {
            if (!u) {
                freeCols++;
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        if (remainingRows > freeCols) {
            best = bruteForceBest(scores, row + 1, used); // this row stays unassigned
        }
        for (int j = 0; j < cols; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, scores[row][j] + bruteForceBest(scores, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
