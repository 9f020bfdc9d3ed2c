package io.clipstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RetrievalTest {

    // three queries against four candidates; classes: query q has class q, candidate 3 has class 0 too
    private static final float[][] SCORES = {
        {0.9f, 0.1f, 0.2f, 0.3f}, // best correct 0.9 (cand 0): nothing wrong above -> rank 0
        {0.5f, 0.4f, 0.6f, 0.1f}, // correct 0.4 (cand 1): cand 0 and 2 above -> rank 2
        {0.7f, 0.1f, 0.7f, 0.2f}, // correct 0.7 (cand 2) ties wrong cand 0 -> rank 1 (ties count against)
    };
    private static final int[] QUERY = {0, 1, 2};
    private static final int[] CANDIDATE = {0, 1, 2, 0};

    @Test
    void ranksCountWrongCandidatesScoringAtLeastTheBestCorrectOne() {
        assertThat(Retrieval.ranks(SCORES, QUERY, CANDIDATE)).containsExactly(0, 2, 1);
    }

    @Test
    void aSecondCorrectCandidateCanRescueAQuery() {
        float[][] scores = {{0.2f, 0.5f, 0.1f, 0.8f}};
        // candidate 3 shares class 0 and scores highest
        assertThat(Retrieval.ranks(scores, new int[] {0}, CANDIDATE)).containsExactly(0);
    }

    @Test
    void recallAtKIsTheFractionRankedBelowK() {
        int[] ranks = Retrieval.ranks(SCORES, QUERY, CANDIDATE);
        assertThat(Retrieval.recallAt(ranks, 1)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Retrieval.recallAt(ranks, 2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Retrieval.recallAt(ranks, 3)).isCloseTo(1.0, within(1e-12));
        assertThat(Retrieval.recallAt(new int[] {Integer.MAX_VALUE}, 10)).isZero();
    }

    @Test
    void similarityAndTransposeAreHandChecked() {
        float[][] sim = Retrieval.similarity(new float[][] {{1, 0}, {0.6f, 0.8f}}, new float[][] {{0, 1}, {1, 0}, {0.6f, 0.8f}});
        assertThat(sim[0]).containsExactly(new float[] {0, 1, 0.6f}, within(1e-6f));
        assertThat(sim[1]).containsExactly(new float[] {0.8f, 0.6f, 1.0f}, within(1e-6f));
        float[][] t = Retrieval.transpose(sim);
        assertThat(t).hasDimensions(3, 2);
        assertThat(t[2]).containsExactly(new float[] {0.6f, 1.0f}, within(1e-6f));
    }
}
