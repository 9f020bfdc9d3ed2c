package io.clipstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.jobs.encode.EncoderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchOptionsTest {

    @Test
    void theThresholdComesFromTheModelsCalibrationUnlessSetExplicitly(@TempDir Path model) throws Exception {
        Files.writeString(model.resolve("clipstream.json"), "{\"model_id\": \"m\", \"match_threshold\": 0.3125}");
        Configuration conf = new Configuration();
        conf.set(EncoderOptions.MODEL_DIR, model.toString());
        assertThat(MatchOptions.fromConfiguration(conf).threshold()).isEqualTo(0.3125f);

        conf.set(MatchOptions.THRESHOLD, 0.5f);
        assertThat(MatchOptions.fromConfiguration(conf).threshold()).isEqualTo(0.5f);
    }

    @Test
    void withoutCalibrationTheDefaultApplies(@TempDir Path model) {
        Configuration conf = new Configuration();
        conf.set(EncoderOptions.MODEL_DIR, model.toString());
        assertThat(MatchOptions.fromConfiguration(conf).threshold()).isEqualTo(MatchOptions.THRESHOLD.defaultValue());
        assertThat(MatchOptions.fromConfiguration(new Configuration()).policyName()).isEqualTo("best-caption-per-image");
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> MatchOptions.builder().optPolicy("nearest").build()).hasMessageContaining("nearest");
        assertThatThrownBy(() -> MatchOptions.builder().optMaxPerKey(0).build()).hasMessageContaining("match.max-per-key");
    }
}
