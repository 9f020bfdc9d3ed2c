package io.clipstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {

    private static final float[] MATCHED = {0.9f, 0.8f, 0.6f, 0.4f};
    private static final float[] MISMATCHED = {0.7f, 0.3f, 0.2f, 0.1f};

    @Test
    void precisionRecallAndF1AtAThresholdAreHandComputed() {
        ThresholdCalibration cal = ThresholdCalibration.of(MATCHED, MISMATCHED);
        // >= 0.6: tp = 3 (0.9, 0.8, 0.6), fp = 1 (0.7) -> precision 3/4, recall 3/4, F1 3/4
        ThresholdCalibration.Point p = cal.at(0.6f);
        assertThat(p.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(p.recall()).isCloseTo(0.75, within(1e-12));
        assertThat(p.f1()).isCloseTo(0.75, within(1e-12));
        // >= 0.8: tp = 2, fp = 0 -> precision 1, recall 1/2, F1 2/3
        assertThat(cal.at(0.8f).f1()).isCloseTo(2.0 / 3, within(1e-12));
        // above everything: no MATCH at all -> precision taken as 1, recall 0, F1 0
        ThresholdCalibration.Point none = cal.at(0.95f);
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
    }

    @Test
    void bestThresholdMaximisesF1() {
        ThresholdCalibration cal = ThresholdCalibration.of(MATCHED, MISMATCHED);
        // >= 0.4: tp 4, fp 1 -> precision 0.8, recall 1, F1 = 1.6/1.8 = 0.888..., the maximum
        assertThat(cal.best().threshold()).isEqualTo(0.4f);
        assertThat(cal.best().f1()).isCloseTo(16.0 / 18, within(1e-9));
        assertThat(cal.curve()).hasSize(8);
        assertThat(cal.matchedCount()).isEqualTo(4);
        assertThat(cal.mismatchedCount()).isEqualTo(4);
    }

    @Test
    void perfectlySeparatedScoresGiveF1One() {
        ThresholdCalibration cal = ThresholdCalibration.of(new float[] {0.8f, 0.9f}, new float[] {0.1f, 0.2f});
        assertThat(cal.best().f1()).isCloseTo(1.0, within(1e-12));
        assertThat(cal.best().threshold()).isEqualTo(0.8f);
    }
}
