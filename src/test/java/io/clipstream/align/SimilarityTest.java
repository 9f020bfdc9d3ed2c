package io.clipstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {
    private static final float TOLERANCE = 1e-6f;

    @Test
    void cosineOfNormalisedVectors() {
        float[] a = Similarity.normalize(new float[] {3, 4});
        float[] b = Similarity.normalize(new float[] {4, 3});
        assertThat(a).containsExactly(new float[] {0.6f, 0.8f}, within(TOLERANCE));
        assertThat(Similarity.cosine(a, b)).isCloseTo(0.96f, within(TOLERANCE));
        assertThat(Similarity.cosine(a, a)).isCloseTo(1f, within(TOLERANCE));
        assertThat(Similarity.cosines(new float[][] {a, b}, new float[][] {b})).isDeepEqualTo(
                new float[][] {{Similarity.cosine(a, b)}, {Similarity.cosine(b, b)}});
        assertThat(Similarity.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
        assertThatThrownBy(() -> Similarity.cosine(a, new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void probabilitiesAreTheSoftmaxOfScaledCosines() {
        float[] p = Similarity.probabilities(10f, new float[] {0.3f, 0.1f, -0.2f});
        double z = Math.exp(3) + Math.exp(1) + Math.exp(-2);
        assertThat(p).containsExactly(new float[] {(float) (Math.exp(3) / z), (float) (Math.exp(1) / z), (float) (Math.exp(-2) / z)},
                within(TOLERANCE));
        assertThat(Similarity.probabilities(1f, new float[0])).isEmpty();
        assertThat(Similarity.probabilities(1f, new float[] {0.42f})).containsExactly(1f);
    }

    @Test
    void probabilitiesStayFiniteForLargeScales() {
        // exp(1e4) overflows a double: only the max-shifted form gives an answer
        float[] p = Similarity.probabilities(10_000f, new float[] {0.95f, 0.9501f, -1f});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, within(TOLERANCE));
        assertThat(p[1]).isGreaterThan(p[0]);
        assertThat(p[0]).isCloseTo((float) (1 / (1 + Math.exp(1.0))), within(1e-4f));
        assertThat(p[2]).isEqualTo(0f);
    }
}
