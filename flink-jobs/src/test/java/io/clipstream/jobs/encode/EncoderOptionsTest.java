package io.clipstream.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** Where the encoder's model call runs: chosen by the device unless set. */
class EncoderOptionsTest {

    private static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set(EncoderOptions.MODEL_DIR, "models/any");
        return conf;
    }

    @Test
    void unsetTheModelThreadHoldsOneBatchOnAnAcceleratorAndTheTaskThreadEncodesOnTheCpu() {
        EncoderOptions options = EncoderOptions.fromConfiguration(conf());
        assertThat(options.inFlightBatches(true)).isEqualTo(1);
        assertThat(options.inFlightBatches(false)).isZero();
    }

    @Test
    void aSetValueHoldsOnEveryDevice() {
        Configuration conf = conf();
        conf.set(EncoderOptions.IN_FLIGHT_BATCHES, 2);
        assertThat(EncoderOptions.fromConfiguration(conf).inFlightBatches(false)).isEqualTo(2);
        conf.set(EncoderOptions.IN_FLIGHT_BATCHES, 0);
        assertThat(EncoderOptions.fromConfiguration(conf).inFlightBatches(true)).isZero();
    }

    @Test
    void aNegativeValueIsRefusedByName() {
        Configuration conf = conf();
        conf.set(EncoderOptions.IN_FLIGHT_BATCHES, -1);
        assertThatThrownBy(() -> EncoderOptions.fromConfiguration(conf))
                .hasMessage("encoder.in-flight-batches must not be negative, got -1");
    }
}
