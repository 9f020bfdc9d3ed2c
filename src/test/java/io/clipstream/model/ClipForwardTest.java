package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The NDArray forward pass against {@link ReferenceClip}, an independent loop-by-loop version. */
class ClipForwardTest {
    /** float32 against double over two layers of width 16. */
    private static final double TOLERANCE = 2e-5;

    @ParameterizedTest
    @ValueSource(strings = {"quick_gelu", "gelu", "gelu_new"})
    void imageFeaturesMatchReference(String activation) {
        ClipConfig config = TinyCheckpoints.config(activation, TinyCheckpoints.EOS);
        try (ClipNetwork net = TinyCheckpoints.network(config, 21); NDManager call = net.manager().newSubManager()) {
            ReferenceClip reference = new ReferenceClip(config, net.parameters());
            Random random = new Random(5);
            int size = 3 * 16 * 16;
            float[] pixels = new float[2 * size];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            float[] actual = net.imageFeatures(call.create(pixels, new Shape(2, 3, 16, 16))).toFloatArray();
            for (int b = 0; b < 2; b++) {
                float[] one = new float[size];
                System.arraycopy(pixels, b * size, one, 0, size);
                double[] expected = reference.image(one);
                for (int j = 0; j < expected.length; j++) {
                    assertThat((double) actual[b * 8 + j]).as("image %d feature %d", b, j).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(TOLERANCE));
                }
            }
        }
    }

    @Test
    void textPoolsAtFirstEndOfTextWhenEosIdIsSet() {
        // eos id 5 ("car" in the test vocabulary) is not the highest id: pooling must take its first position (2), not the argmax (3)
        ClipConfig config = TinyCheckpoints.config("quick_gelu", 5);
        long[][] ids = {{0, 7, 5, 9, 5}, {0, 5, 3, 3, 3}};
        checkText(config, ids, new int[] {2, 1}, new int[] {3, 0});
    }

    @Test
    void textPoolsAtHighestIdForLegacyConfig() {
        // eos_token_id 2 marks a legacy config: pool at the argmax of the ids (first one on ties), not at the first 2
        ClipConfig config = TinyCheckpoints.config("gelu", ClipTextConfig.LEGACY_EOS_TOKEN_ID);
        long[][] ids = {{0, 2, 9, 4, 9}, {0, 3, 12, 12, 12}};
        checkText(config, ids, new int[] {2, 2}, new int[] {1, 4});
    }

    private void checkText(ClipConfig config, long[][] ids, int[] poolAt, int[] otherPosition) {
        try (ClipNetwork net = TinyCheckpoints.network(config, 33); NDManager call = net.manager().newSubManager()) {
            ReferenceClip reference = new ReferenceClip(config, net.parameters());
            NDArray features = net.textFeatures(call.create(ids));
            float[] actual = features.toFloatArray();
            for (int b = 0; b < ids.length; b++) {
                double[] expected = reference.text(ids[b], poolAt[b]);
                double[] wrong = reference.text(ids[b], otherPosition[b]);
                double maxWrongGap = 0;
                for (int j = 0; j < expected.length; j++) {
                    assertThat((double) actual[b * 8 + j]).as("text %d feature %d", b, j)
                            .isCloseTo(expected[j], org.assertj.core.data.Offset.offset(TOLERANCE));
                    maxWrongGap = Math.max(maxWrongGap, Math.abs(wrong[j] - expected[j]));
                }
                // the other pooling rule would give a clearly different vector, so the check above discriminates
                assertThat(maxWrongGap).isGreaterThan(1e-2);
            }
        }
    }

    @Test
    void referenceErfIsAccurate() {
        assertThat(ReferenceClip.erf(0.5)).isCloseTo(0.5204998778130465, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ReferenceClip.erf(-1.5)).isCloseTo(-0.9661051464753108, org.assertj.core.data.Offset.offset(1e-12));
    }
}
