package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat weight average against the average written out in plain Java, its swap and its saved state. */
class WeightAverageTest {

    private static final double DECAY = 0.75;

    /** Interleaved towers and a scalar on purpose: the layout regroups them. */
    private static Map<String, NDArray> parameters(NDManager m) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("text_model.w", m.zeros(new Shape(3, 4)));
        params.put("logit_scale", m.zeros(new Shape()));
        params.put("vision_model.w", m.zeros(new Shape(2, 2, 2)));
        params.values().forEach(p -> p.setRequiresGradient(true));
        return params;
    }

    /** Sets every parameter to fresh values, as an optimizer step would, and returns them. */
    private static Map<String, float[]> step(Map<String, NDArray> params, Random r) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            float[] v = new float[(int) Math.max(1, p.getShape().size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            p.subi(p).addi(p.getManager().create(v, p.getShape()));
            out.put(name, v);
        });
        return out;
    }

    @Test
    void theAverageFollowsTheTextbookRecurrenceAndSwapsInAndOutOfTheParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(m);
            Random r = new Random(3);
            Map<String, double[]> expected = new LinkedHashMap<>();
            Map<String, float[]> last = null;
            try (WeightAverage average = new WeightAverage(m, params, DECAY)) {
                assertThat(average.started()).isFalse();
                for (int s = 0; s < 4; s++) {
                    last = step(params, r);
                    try (NDManager stepManager = m.newSubManager()) {
                        average.update(stepManager);
                    }
                    for (var e : last.entrySet()) {
                        double[] a = expected.get(e.getKey());
                        double[] next = new double[e.getValue().length];
                        for (int i = 0; i < next.length; i++) {
                            next[i] = a == null ? e.getValue()[i] : DECAY * a[i] + (1 - DECAY) * e.getValue()[i];
                        }
                        expected.put(e.getKey(), next);
                    }
                }
                long arrays = m.getManagedArrays().size();

                average.swap();
                assertThat(average.swapped()).isTrue();
                for (var e : expected.entrySet()) {
                    float[] got = params.get(e.getKey()).toFloatArray();
                    for (int i = 0; i < got.length; i++) {
                        assertThat((double) got[i]).as("%s[%d]", e.getKey(), i).isCloseTo(e.getValue()[i], within(1e-6));
                    }
                    // the average differs from the last weights, so the swap did something
                    assertThat(got).isNotEqualTo(last.get(e.getKey()));
                }
                assertThatThrownBy(() -> average.update(m)).isInstanceOf(IllegalStateException.class);

                average.swap();
                assertThat(average.swapped()).isFalse();
                for (var e : last.entrySet()) {
                    assertThat(params.get(e.getKey()).toFloatArray()).as(e.getKey()).containsExactly(e.getValue());
                }
                // the swap's snapshot of the trained weights is gone again
                assertThat(m.getManagedArrays().size()).isEqualTo(arrays);
                // the parameters are still the optimizer's leaves
                assertThat(params.get("text_model.w").hasGradient()).isTrue();
            }
        }
    }

    @Test
    void aSavedAverageRestoresExactlyAndAMismatchedOneIsRefused() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(m);
            Random r = new Random(9);
            byte[] saved;
            float[] averaged;
            try (WeightAverage average = new WeightAverage(m, params, DECAY)) {
                ByteArrayOutputStream empty = new ByteArrayOutputStream();
                average.save(new DataOutputStream(empty));
                try (WeightAverage other = new WeightAverage(m, params, DECAY)) {
                    other.load(new DataInputStream(new ByteArrayInputStream(empty.toByteArray())));
                    assertThat(other.started()).isFalse();
                }
                for (int s = 0; s < 3; s++) {
                    step(params, r);
                    average.update(m);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                average.save(new DataOutputStream(bytes));
                saved = bytes.toByteArray();
                average.swap();
                averaged = params.get("vision_model.w").toFloatArray();
                average.swap();
            }
            try (WeightAverage restored = new WeightAverage(m, params, DECAY)) {
                restored.load(new DataInputStream(new ByteArrayInputStream(saved)));
                restored.swap();
                assertThat(params.get("vision_model.w").toFloatArray()).containsExactly(averaged);
                restored.swap();
            }

            Map<String, NDArray> other = new LinkedHashMap<>(params);
            other.put("vision_model.w", m.zeros(new Shape(3)));
            try (WeightAverage wrong = new WeightAverage(m, other, DECAY)) {
                assertThatThrownBy(() -> wrong.load(new DataInputStream(new ByteArrayInputStream(saved))))
                        .isInstanceOf(IOException.class).hasMessageContaining("vision_model.w");
            }
        }
    }

    @Test
    void aDecayOutsideTheUnitIntervalIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(m);
            assertThatThrownBy(() -> new WeightAverage(m, params, 1.0)).hasMessageContaining("[0, 1)");
            assertThatThrownBy(() -> new WeightAverage(m, params, Double.NaN)).hasMessageContaining("[0, 1)");
        }
    }
}
