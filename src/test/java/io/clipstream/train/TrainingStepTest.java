package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.TinyCheckpoints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The float16 autocast step with loss scaling, run on the CPU (PyTorch computes float16 there
 * too, slowly): gradients reach the float32 masters, and an overflowing scale skips the update.
 */
class TrainingStepTest {

    private static TrainingData.Batch batch(int b, int size, int length) {
        Random r = new Random(2);
        float[] pixels = new float[b * 3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) r.nextGaussian();
        }
        long[] ids = new long[b * length];
        for (int k = 0; k < b; k++) {
            for (int t = 0; t < length; t++) {
                ids[k * length + t] = t == length - 1 ? 12 : 1 + r.nextInt(10);
            }
        }
        float[] targets = new float[b * b];
        for (int k = 0; k < b; k++) {
            targets[k * b + k] = 1;
        }
        return new TrainingData.Batch(b, pixels, ids, length, targets);
    }

    /** The body of a test on a fresh tiny network, all of it trainable, with its optimizer. */
    private interface OnNetwork {
        void run(ClipNetwork net, Map<String, NDArray> trainable, AdamW optimizer);
    }

    private static void onTinyNetwork(OnNetwork body) {
        try (ClipNetwork net = TinyCheckpoints.network(TinyCheckpoints.config(), 4)) {
            Map<String, NDArray> trainable = new LinkedHashMap<>(net.parameters());
            trainable.values().forEach(p -> p.setRequiresGradient(true));
            try (AdamW optimizer = new AdamW(net.manager(), trainable, 0.9, 0.98, 1e-6, 0.0, Set.of())) {
                body.run(net, trainable, optimizer);
            }
        }
    }

    @Test
    void halfPrecisionStepUpdatesTheFloat32MastersAndAnOverflowSkipsIt() {
        onTinyNetwork((net, trainable, optimizer) -> {
            LossScaler scaler = new LossScaler(1024, 2, 0.5, 1000);
            TrainingStep step = new TrainingStep(net, trainable, optimizer, 1.0, scaler);
            float[] before = net.parameters().get("visual_projection.weight").toFloatArray();
            TrainingStep.Outcome ok = step.run(batch(4, 16, 5), 16, 1e-3);
            assertThat(ok.applied()).isTrue();
            assertThat(ok.loss()).isBetween(0.5, 3.0);
            assertThat(ok.imageNorm()).isPositive();
            assertThat(ok.textNorm()).isPositive();
            assertThat(net.parameters().get("visual_projection.weight").getDataType()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
            assertThat(net.parameters().get("visual_projection.weight").toFloatArray()).isNotEqualTo(before);

            LossScaler huge = new LossScaler(1e30, 2, 0.5, 1000);
            TrainingStep overflow = new TrainingStep(net, trainable, optimizer, 1.0, huge);
            float[] kept = net.parameters().get("visual_projection.weight").toFloatArray();
            TrainingStep.Outcome skipped = overflow.run(batch(4, 16, 5), 16, 1e-3);
            assertThat(skipped.applied()).isFalse();
            assertThat(huge.scale()).isEqualTo(5e29);
            assertThat(net.parameters().get("visual_projection.weight").toFloatArray()).isEqualTo(kept);
        });
    }

    @Test
    void aFloat32StepWithANonFiniteLossLeavesTheWeightsAsTheyWere() {
        onTinyNetwork((net, trainable, optimizer) -> {
            TrainingStep step = new TrainingStep(net, trainable, optimizer, 1.0, null);
            TrainingData.Batch poisoned = batch(4, 16, 5);
            poisoned.pixels()[7] = Float.NaN;
            float[] kept = net.parameters().get("visual_projection.weight").toFloatArray();
            TrainingStep.Outcome skipped = step.run(poisoned, 16, 1e-3);
            assertThat(skipped.applied()).isFalse();
            assertThat(skipped.loss()).isNaN();
            assertThat(net.parameters().get("visual_projection.weight").toFloatArray()).isEqualTo(kept);
            assertThat(optimizer.stepCount()).isZero();

            TrainingStep.Outcome ok = step.run(batch(4, 16, 5), 16, 1e-3);
            assertThat(ok.applied()).isTrue();
            assertThat(net.parameters().get("visual_projection.weight").toFloatArray()).isNotEqualTo(kept);
        });
    }

    @Test
    void halfPrecisionGradientsMatchFloat32OnesWithinFloat16Precision() {
        TrainingStep.Outcome[] outcomes = new TrainingStep.Outcome[2];
        for (int mode = 0; mode < 2; mode++) {
            int m = mode;
            onTinyNetwork((net, trainable, optimizer) -> {
                LossScaler scaler = m == 0 ? null : new LossScaler(1024, 2, 0.5, 1000);
                outcomes[m] = new TrainingStep(net, trainable, optimizer, 0, scaler).run(batch(4, 16, 5), 16, 1e-3);
            });
        }
        assertThat(outcomes[1].loss()).isCloseTo(outcomes[0].loss(), org.assertj.core.api.Assertions.within(0.01));
        assertThat(outcomes[1].imageNorm()).isCloseTo(outcomes[0].imageNorm(), org.assertj.core.api.Assertions.withinPercentage(3));
        assertThat(outcomes[1].textNorm()).isCloseTo(outcomes[0].textNorm(), org.assertj.core.api.Assertions.withinPercentage(3));
    }
}
