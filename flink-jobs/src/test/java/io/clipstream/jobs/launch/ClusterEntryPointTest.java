package io.clipstream.jobs.launch;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.source.SourceOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterEntryPointTest {

    @Test
    void acceptsKeyValueAndDashedArguments() {
        Configuration conf = ClusterEntryPoint.configuration(List.of("kafka.bootstrap-servers=b:9092", "--topics.images", "in",
                "--encoder.model-dir=/m"), Map.of());
        assertThat(conf.get(SourceOptions.BOOTSTRAP_SERVERS)).isEqualTo("b:9092");
        assertThat(conf.get(SourceOptions.IMAGES_TOPIC)).isEqualTo("in");
        assertThat(conf.get(EncoderOptions.MODEL_DIR)).isEqualTo("/m");
    }

    @Test
    void createsTopicsOnlyWhenAsked() {
        assertThat(ClusterEntryPoint.configuration(List.of(), Map.of()).get(LaunchOptions.CREATE_TOPICS)).isFalse();
        assertThat(ClusterEntryPoint.configuration(List.of("topics.create=true"), Map.of()).get(LaunchOptions.CREATE_TOPICS)).isTrue();
    }

    @Test
    void modelFolderDefaultsToTheImagesBundledModel() {
        Map<String, String> env = Map.of(LaunchOptions.MODEL_DIR_ENV, "/opt/model");
        assertThat(ClusterEntryPoint.configuration(List.of(), env).get(EncoderOptions.MODEL_DIR)).isEqualTo("/opt/model");
        assertThat(ClusterEntryPoint.configuration(List.of("encoder.model-dir=/mine"), env).get(EncoderOptions.MODEL_DIR))
                .isEqualTo("/mine");
    }

    @Test
    void scramLoginFromTheEnvironmentBecomesKafkaClientProperties() {
        Configuration conf = ClusterEntryPoint.configuration(List.of(), Map.of(LaunchOptions.SASL_JAAS_CONFIG_ENV, "login;"));
        assertThat(conf.toMap()).containsEntry("kafka.properties.sasl.jaas.config", "login;")
                .containsEntry("kafka.properties.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.properties.security.protocol", "SASL_PLAINTEXT");
        assertThat(ClusterEntryPoint.configuration(List.of(), Map.of()).toMap()).doesNotContainKey("kafka.properties.sasl.jaas.config");
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> ClusterEntryPoint.configuration(List.of("no-value"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-value");
        assertThatThrownBy(() -> PipelineJobs.create("sort", new Configuration(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sort");
    }
}
