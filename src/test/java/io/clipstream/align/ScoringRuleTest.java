package io.clipstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoringRuleTest {
    private static final float[] COSINES = {0.31f, -0.2f, 0.05f, 0.29f, 0.9f};

    @Test
    void softmaxIsClipsProbabilityOverTheCandidates() {
        ScoringRule rule = ScoringRule.softmax(100f);

        assertThat(rule.probabilities(COSINES)).containsExactly(Similarity.probabilities(100f, COSINES), within(1e-7f));
        assertThat(rule.sigmoid()).isFalse();
        assertThat(rule.logit(0.5f)).isEqualTo(50.0);
    }

    @Test
    void sigmoidScoresEachPairAlone() {
        ScoringRule rule = ScoringRule.sigmoid(10f, -3f);

        float[] p = rule.probabilities(COSINES);
        for (int i = 0; i < COSINES.length; i++) {
            assertThat(p[i]).isCloseTo((float) (1 / (1 + Math.exp(-(10 * COSINES[i] - 3)))), within(1e-7f));
            // the same pair alone gets the same probability
            assertThat(rule.probabilities(new float[] {COSINES[i]})[0]).isEqualTo(p[i]);
        }
        assertThat(rule.sigmoid()).isTrue();
    }

    @Test
    void sigmoidStaysFiniteForExtremeLogits() {
        ScoringRule rule = ScoringRule.sigmoid(1e6f, 0f);

        assertThat(rule.probabilities(new float[] {1f, -1f})).containsExactly(1f, 0f);
    }

    @Test
    void mergedPartitionsGiveTheProbabilitiesOverAllCandidates() {
        for (ScoringRule rule : new ScoringRule[] {ScoringRule.softmax(50f), ScoringRule.sigmoid(10f, -2f)}) {
            float[] whole = rule.probabilities(COSINES);
            double merged = rule.mergeNormalisers(rule.mergeNormalisers(ScoringRule.EMPTY,
                    rule.normaliser(new float[] {COSINES[0], COSINES[1]})),
                    rule.normaliser(new float[] {COSINES[2], COSINES[3], COSINES[4]}));
            for (int i = 0; i < COSINES.length; i++) {
                assertThat(rule.probability(COSINES[i], merged)).as(rule + " " + i).isCloseTo(whole[i], within(1e-6f));
            }
        }
    }

    @Test
    void recordsRebuildTheRuleFromItsParameters() {
        assertThat(ScoringRule.of(true, 10f, -2f)).isEqualTo(ScoringRule.sigmoid(10f, -2f));
        assertThat(ScoringRule.of(false, 10f, -2f)).isEqualTo(ScoringRule.softmax(10f));
    }

    @Test
    void policiesUseTheGivenRule() {
        float[][] images = {{1f, 0f}, {0f, 1f}};
        float[][] captions = {{0.8f, 0.6f}, {0.6f, 0.8f}};
        ScoringRule rule = ScoringRule.sigmoid(10f, -5f);

        for (ScoredPair pair : AlignmentPolicy.oneToOne().align(images, captions, rule, ThresholdPolicy.atLeast(0.5f))) {
            assertThat(pair.probability()).isCloseTo(rule.probabilities(new float[] {pair.cosine()})[0], within(1e-7f));
        }
    }
}
