package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.jobs.encode.EncoderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLookupTest {
    @TempDir
    Path tmp;

    private Path model(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("config.json"), "{}");
        return dir;
    }

    @Test
    void anExplicitModelWinsOverTheEnvironmentAndTheBundledOne() throws Exception {
        Configuration conf = new Configuration();
        conf.set(EncoderOptions.MODEL_DIR, model("explicit").toString());
        assertThat(ModelLookup.resolve(conf, Map.of(ModelLookup.MODEL_DIR_ENV, model("env").toString()), model("bundled")))
                .isEqualTo(tmp.resolve("explicit"));
    }

    @Test
    void theEnvironmentVariableComesBeforeTheBundledModel() throws Exception {
        assertThat(ModelLookup.resolve(new Configuration(), Map.of(ModelLookup.MODEL_DIR_ENV, model("env").toString()),
                model("bundled"))).isEqualTo(tmp.resolve("env"));
    }

    @Test
    void withNeitherTheBundledModelIsUsed() throws Exception {
        assertThat(ModelLookup.resolve(new Configuration(), Map.of(), model("bundled"))).isEqualTo(tmp.resolve("bundled"));
    }

    @Test
    void aFolderWithoutAModelIsAClearErrorNamingWhereItLooked() {
        assertThatThrownBy(() -> ModelLookup.resolve(new Configuration(), Map.of(), tmp.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tmp.resolve("missing").toString())
                .hasMessageContaining("--model DIR")
                .hasMessageContaining(ModelLookup.MODEL_DIR_ENV);
        Configuration conf = new Configuration();
        conf.set(EncoderOptions.MODEL_DIR, tmp.toString());
        assertThatThrownBy(() -> ModelLookup.resolve(conf, Map.of(), tmp.resolve("missing")))
                .hasMessageContaining("no model at " + tmp);
    }
}
