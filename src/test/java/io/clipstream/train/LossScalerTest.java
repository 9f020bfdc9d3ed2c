package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dynamic loss scaling driven by a stub step that overflows when told to. */
class LossScalerTest {

    /** A step whose backward overflows whenever the scale exceeds {@code limit} (as float16 would). */
    private static final class StubStep implements LossScaler.ScaledStep {
        final double limit;
        final List<Double> applied = new ArrayList<>();
        int skips;

        StubStep(double limit) {
            this.limit = limit;
        }

        @Override
        public boolean backward(double scale) {
            return scale <= limit;
        }

        @Override
        public void apply(double inverseScale) {
            applied.add(inverseScale);
        }

        @Override
        public void skip() {
            skips++;
        }
    }

    @Test
    void anOverflowSkipsTheUpdateAndHalvesTheScale() {
        LossScaler scaler = new LossScaler(65536, 2, 0.5, 1000);
        StubStep step = new StubStep(20000);
        assertThat(scaler.step(step)).isFalse();
        assertThat(scaler.scale()).isEqualTo(32768);
        assertThat(scaler.step(step)).isFalse();
        assertThat(scaler.scale()).isEqualTo(16384);
        assertThat(step.applied).isEmpty();
        assertThat(step.skips).isEqualTo(2);
        assertThat(scaler.step(step)).isTrue();
        assertThat(step.applied).hasSize(1);
        assertThat(step.applied.get(0)).isCloseTo(1.0 / 16384, within(1e-15));
        assertThat(scaler.skippedSteps()).isEqualTo(2);
    }

    @Test
    void theScaleGrowsAfterTheIntervalOfGoodStepsAndAnOverflowRestartsTheCount() {
        LossScaler scaler = new LossScaler(1024, 2, 0.5, 3);
        StubStep step = new StubStep(1e9);
        scaler.step(step);
        scaler.step(step);
        assertThat(scaler.scale()).isEqualTo(1024);
        scaler.step(step);
        assertThat(scaler.scale()).isEqualTo(2048);
        StubStep tight = new StubStep(2048);
        scaler.step(tight);
        scaler.step(tight);
        scaler.step(tight);
        assertThat(scaler.scale()).isEqualTo(4096);
        assertThat(scaler.step(tight)).isFalse();
        assertThat(scaler.scale()).isEqualTo(2048);
        scaler.step(tight);
        scaler.step(tight);
        assertThat(scaler.scale()).as("two good steps after an overflow are not yet an interval").isEqualTo(2048);
    }

    @Test
    void settlesJustBelowTheOverflowLimit() {
        LossScaler scaler = new LossScaler(65536, 2, 0.5, 4);
        StubStep step = new StubStep(3000);
        for (int i = 0; i < 200; i++) {
            scaler.step(step);
            assertThat(scaler.scale()).isLessThanOrEqualTo(65536);
        }
        assertThat(scaler.scale()).isBetween(1024.0, 4096.0);
    }

    @Test
    void refusesFactorsThatCannotWork() {
        assertThatThrownBy(() -> new LossScaler(0, 2, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LossScaler(1, 1, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LossScaler(1, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
