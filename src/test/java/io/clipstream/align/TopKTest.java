package io.clipstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void selectsBestFirstWithTiesByIndex() {
        float[] scores = {0.1f, 0.9f, 0.5f, 0.9f, -0.2f};
        assertThat(TopK.select(scores, 3)).containsExactly(1, 3, 2);
        assertThat(TopK.select(scores, 10)).containsExactly(1, 3, 2, 0, 4);
        assertThat(TopK.select(scores, 0)).isEmpty();
    }

    @Test
    void mergeOfPartsEqualsTopKOfTheWhole() {
        Random random = new Random(3);
        float[] all = new float[40];
        for (int i = 0; i < all.length; i++) {
            all[i] = random.nextFloat();
        }
        List<List<Float>> parts = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            float[] part = Arrays.copyOfRange(all, p * 10, p * 10 + 10);
            List<Float> local = new ArrayList<>();
            for (int i : TopK.select(part, 5)) {
                local.add(part[i]);
            }
            parts.add(local);
        }
        List<Float> merged = TopK.merge(parts, 5, f -> f);
        List<Float> expected = new ArrayList<>();
        for (int i : TopK.select(all, 5)) {
            expected.add(all[i]);
        }
        assertThat(merged).isEqualTo(expected);
    }

    @Test
    void logSumExpOfPartsAddsUpToTheWholeAndProbabilitiesSumToOne() {
        float scale = 100f;
        float[] all = {0.31f, 0.28f, -0.05f, 0.30f, 0.12f, 0.29f};
        double whole = TopK.logSumExp(all, scale);
        double parts = TopK.addLogSumExp(TopK.logSumExp(Arrays.copyOfRange(all, 0, 2), scale),
                TopK.addLogSumExp(TopK.logSumExp(Arrays.copyOfRange(all, 2, 6), scale), TopK.logSumExp(new float[0], scale)));
        assertThat(parts).isCloseTo(whole, offset(1e-9));
        double sum = 0;
        for (float c : all) {
            sum += TopK.probability(c, scale, whole);
        }
        assertThat(sum).isCloseTo(1.0, offset(1e-6));
        double direct = Math.exp(scale * 0.31) / Arrays.stream(new double[] {0.31, 0.28, -0.05, 0.30, 0.12, 0.29})
                .map(c -> Math.exp(scale * c)).sum();
        assertThat((double) TopK.probability(0.31f, scale, whole)).isCloseTo(direct, offset(1e-6));
        assertThat(TopK.logSumExp(new float[0], scale)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
