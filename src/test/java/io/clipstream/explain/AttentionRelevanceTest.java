package io.clipstream.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.preprocess.PreprocessorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relevance rule and the map geometry on hand-computed cases. */
class AttentionRelevanceTest {

    @Test
    void oneBlockAddsTheMeanOverHeadsOfThePositivePartOfGradTimesAttention() {
        // 2 heads, 2 tokens; head 0: a*g = [[0.5, 0.2], [0, 0]]; head 1: [[-0.4, 0.6], [0, 0.2]]
        float[] attn = {0.5f, 0.5f, 0, 1, 0.4f, 0.6f, 0, 1};
        float[] grad = {1, 0.4f, 0, 0, -1, 1, 0, 0.2f};
        float[][] r = AttentionRelevance.accumulate(List.of(attn), List.of(grad), 2, 2);
        assertThat(r[0][0]).isCloseTo(1 + 0.25f, within(1e-6f));
        assertThat(r[0][1]).isCloseTo(0.4f, within(1e-6f));
        assertThat(r[1][0]).isCloseTo(0f, within(1e-6f));
        assertThat(r[1][1]).isCloseTo(1.1f, within(1e-6f));
    }

    @Test
    void twoBlocksCompose() {
        float[] attn = {0, 1, 0, 1};
        float[] grad = {0, 1, 0, 0};
        float[][] r = AttentionRelevance.accumulate(List.of(attn, attn), List.of(grad, grad), 1, 2);
        // R1 = I + [[0,1],[0,0]]; R2 = R1 + [[0,1],[0,0]] R1 = [[1,2],[0,1]]
        assertThat(r[0]).containsExactly(1f, 2f);
        assertThat(r[1]).containsExactly(0f, 1f);
    }

    @Test
    void aProbeRowIsItsOwnCamTimesTheBlocksRelevanceWithoutAnIdentityTerm() {
        // blocks before the probe: R = [[1,2],[0,1]] (as in twoBlocksCompose); probe with 2 heads over 2 tokens:
        // head 0 a*g = [0.5, -0.1] -> [0.5, 0]; head 1 a*g = [0.2, 0.4]; mean = [0.35, 0.2]
        float[][] r = {{1, 2}, {0, 1}};
        float[] attn = {0.5f, 0.5f, 0.2f, 0.8f};
        float[] grad = {1, -0.2f, 1, 0.5f};
        float[] row = AttentionRelevance.probeRow(attn, grad, 2, r);
        // [0.35, 0.2] . R = [0.35, 0.7 + 0.2]
        assertThat(row[0]).isCloseTo(0.35f, within(1e-6f));
        assertThat(row[1]).isCloseTo(0.9f, within(1e-6f));
    }

    @Test
    void mapsOfTheWrongShapeAreRefusedNotMisread() {
        float[] probe = {0.5f, 0.5f};
        assertThatThrownBy(() -> AttentionRelevance.accumulate(List.of(probe), List.of(probe), 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("self-attention over 2 tokens");
        assertThatThrownBy(() -> AttentionRelevance.probeRow(new float[] {1, 0, 0, 1}, new float[4], 1, new float[2][2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probe over 2 tokens");
    }

    @Test
    void aWidePictureIsCroppedInTheMiddleAndItsSidesGetNoRelevance() {
        PreprocessorConfig c = PreprocessorConfig.builder().optShortestEdge(32).optCropSize(32).build();
        float[][] grid = {{1, 0}, {1, 0}};
        float[][] map = PictureMap.over(grid, 64, 32, c, 32);
        assertThat(map).hasNumberOfRows(32);
        assertThat(map[0]).hasSize(64);
        assertThat(map[10][2]).isZero();                 // left of the crop
        assertThat(map[10][61]).isZero();                // right of the crop
        assertThat(map[10][17]).isCloseTo(1f, within(1e-6f)); // the crop's left column of patches
        assertThat(map[10][46]).isCloseTo(0f, within(1e-6f));
        assertThat(PictureMap.size(1000, 500)).containsExactly(48, 96);
    }
}
