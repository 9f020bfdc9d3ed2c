package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flat AdamW against the textbook update written out in plain Java, per parameter, and its
 * checkpointed state against an uninterrupted run.
 */
class AdamWTest {

    private static final double B1 = 0.9;
    private static final double B2 = 0.98;
    private static final double EPS = 1e-6;
    private static final double WD = 0.1;
    /** Interleaved towers on purpose: the layout regroups them. */
    private static final Map<String, Shape> SHAPES = shapes();
    private static final Set<String> DECAYED = Set.of("text_model.w", "vision_model.w");

    private static Map<String, Shape> shapes() {
        Map<String, Shape> s = new LinkedHashMap<>();
        s.put("text_model.w", new Shape(3, 4));
        s.put("logit_scale", new Shape());
        s.put("vision_model.w", new Shape(2, 2, 2));
        s.put("vision_model.b", new Shape(4));
        return s;
    }

    private static float[] values(long n, Random r) {
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static Map<String, NDArray> parameters(NDManager m) {
        Random r = new Random(5);
        Map<String, NDArray> params = new LinkedHashMap<>();
        SHAPES.forEach((name, shape) -> {
            NDArray p = m.create(values(Math.max(1, shape.size()), r), shape);
            p.setRequiresGradient(true);
            params.put(name, p);
        });
        return params;
    }

    /** Gradients of step {@code step}: backward of sum(p * c) gives exactly c. */
    private static Map<String, float[]> gradients(int step) {
        Random r = new Random(100 + step);
        Map<String, float[]> g = new LinkedHashMap<>();
        SHAPES.forEach((name, shape) -> g.put(name, values(Math.max(1, shape.size()), r)));
        return g;
    }

    /** One optimizer step through a real backward, as the trainer takes it. */
    private static void step(AdamW optimizer, Map<String, NDArray> params, int step, double lr, double scale, NDManager parent) {
        Map<String, float[]> c = gradients(step);
        try (NDManager m = parent.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = null;
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    NDArray term = e.getValue().mul(m.create(c.get(e.getKey()), e.getValue().getShape())).sum();
                    loss = loss == null ? term : loss.add(term);
                }
                gc.backward(loss);
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            params.forEach((name, p) -> {
                NDArray g = p.getGradient();
                g.attach(m);
                grads.put(name, g);
            });
            optimizer.step(optimizer.layout().flatten(grads, m), lr, scale, m);
        }
    }

    @Test
    void matchesTheTextbookUpdateOfEveryParameter() {
        double[] lrs = {1e-2, 5e-3, 2e-3, 1e-3};
        double[] scales = {1.0, 0.5, 1.0, 0.25};
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(m);
            AdamW optimizer = new AdamW(m, params, B1, B2, EPS, WD, DECAYED);
            Map<String, float[]> expected = new LinkedHashMap<>();
            params.forEach((name, p) -> expected.put(name, p.toFloatArray()));
            Map<String, float[]> mean = new LinkedHashMap<>();
            Map<String, float[]> variance = new LinkedHashMap<>();
            expected.forEach((name, v) -> {
                mean.put(name, new float[v.length]);
                variance.put(name, new float[v.length]);
            });
            for (int t = 0; t < lrs.length; t++) {
                step(optimizer, params, t, lrs[t], scales[t], m);
                double bc1 = 1 - Math.pow(B1, t + 1);
                double bc2 = 1 - Math.pow(B2, t + 1);
                Map<String, float[]> g = gradients(t);
                for (String name : expected.keySet()) {
                    float[] p = expected.get(name);
                    float[] mm = mean.get(name);
                    float[] vv = variance.get(name);
                    for (int i = 0; i < p.length; i++) {
                        float gi = (float) (g.get(name)[i] * scales[t]);
                        mm[i] = (float) (B1 * mm[i] + (1 - B1) * gi);
                        vv[i] = (float) (B2 * vv[i] + (1 - B2) * gi * gi);
                        double update = lrs[t] * (mm[i] / bc1) / (Math.sqrt(vv[i] / bc2) + EPS);
                        double decay = DECAYED.contains(name) ? 1 - lrs[t] * WD : 1;
                        p[i] = (float) (p[i] * decay - update);
                    }
                }
            }
            assertThat(optimizer.stepCount()).isEqualTo(lrs.length);
            for (String name : expected.keySet()) {
                float[] actual = params.get(name).toFloatArray();
                for (int i = 0; i < actual.length; i++) {
                    assertThat(actual[i]).as("%s[%d]", name, i).isCloseTo(expected.get(name)[i], within(2e-6f));
                }
                // the gradients were zeroed for the next backward
                assertThat(params.get(name).getGradient().abs().sum().getFloat()).isZero();
            }
            optimizer.close();
        }
    }

    @Test
    void aRunResumedFromSavedStateTakesTheStepsOfTheUninterruptedRun() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> straight = parameters(m);
            Map<String, NDArray> resumed = parameters(m);
            byte[] saved;
            try (AdamW a = new AdamW(m, straight, B1, B2, EPS, WD, DECAYED);
                    AdamW first = new AdamW(m, resumed, B1, B2, EPS, WD, DECAYED)) {
                for (int t = 0; t < 4; t++) {
                    step(a, straight, t, 1e-2, 1.0, m);
                }
                step(first, resumed, 0, 1e-2, 1.0, m);
                step(first, resumed, 1, 1e-2, 1.0, m);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    first.save(out);
                }
                saved = bytes.toByteArray();
            }
            try (AdamW second = new AdamW(m, resumed, B1, B2, EPS, WD, DECAYED)) {
                second.load(new DataInputStream(new ByteArrayInputStream(saved)));
                assertThat(second.stepCount()).isEqualTo(2);
                step(second, resumed, 2, 1e-2, 1.0, m);
                step(second, resumed, 3, 1e-2, 1.0, m);
            }
            straight.forEach((name, p) -> assertThat(resumed.get(name).toFloatArray()).as(name).isEqualTo(p.toFloatArray()));
        }
    }

    @Test
    void theLayoutGroupsTheTowersAndItsNormsAreEachTowersOwn() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(m);
            ParameterLayout layout = ParameterLayout.of(params);
            assertThat(layout.names()).containsExactly("vision_model.w", "vision_model.b", "text_model.w", "logit_scale");
            assertThat(layout.size()).isEqualTo(8 + 4 + 12 + 1);

            NDArray flat = layout.flatten(params, m);
            NDList pieces = layout.split(flat);
            List<String> names = layout.names();
            for (int i = 0; i < names.size(); i++) {
                assertThat(pieces.get(i).getShape()).isEqualTo(params.get(names.get(i)).getShape());
                assertThat(pieces.get(i).toFloatArray()).isEqualTo(params.get(names.get(i)).toFloatArray());
            }
            double[] norms = layout.towerNorms(flat);
            assertThat(norms[0]).isCloseTo(norm(params, "vision_model.w", "vision_model.b"), within(1e-5));
            assertThat(norms[1]).isCloseTo(norm(params, "text_model.w"), within(1e-5));
            assertThat(norms[2]).isCloseTo(norm(params, "logit_scale"), within(1e-5));
        }
    }

    @Test
    void aTowerWithoutTrainableParametersHasNormZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> params = parameters(m);
            params.remove("vision_model.w");
            params.remove("vision_model.b");
            ParameterLayout layout = ParameterLayout.of(params);
            double[] norms = layout.towerNorms(layout.flatten(params, m));
            assertThat(norms[0]).isZero();
            assertThat(norms[1]).isCloseTo(norm(params, "text_model.w"), within(1e-5));
            assertThat(norms[2]).isCloseTo(norm(params, "logit_scale"), within(1e-5));
        }
    }

    private static double norm(Map<String, NDArray> params, String... names) {
        double sum = 0;
        for (String name : names) {
            for (float v : params.get(name).toFloatArray()) {
                sum += (double) v * v;
            }
        }
        return Math.sqrt(sum);
    }
}
