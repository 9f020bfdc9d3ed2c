package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void everyOptionHasAUniqueKeyAndADescription() {
        List<ConfigOption<?>> all = OptionsCommand.all();
        assertThat(all).hasSizeGreaterThan(25);
        Set<String> keys = new HashSet<>();
        for (ConfigOption<?> o : all) {
            assertThat(keys.add(o.key())).as("key %s declared once", o.key()).isTrue();
            assertThat(OptionsCommand.description(o)).as("description of %s", o.key()).isNotBlank();
        }
    }

    @Test
    void theOptionsDocumentListsEveryKey() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "pipeline-options.md"));
        for (ConfigOption<?> o : OptionsCommand.all()) {
            assertThat(doc).as("docs/pipeline-options.md (regenerate with ./clipstream options)").contains("`" + o.key() + "`");
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        for (ConfigOption<?> o : OptionsCommand.all()) {
            assertThat(readme).as("README.md options table (regenerate with ./clipstream options)").contains("`" + o.key() + "`");
        }
    }

    @Test
    void configFilesTakeColonOrEqualsAndQuotes() {
        Map<String, String> m = PipelineConfig.parse(List.of("# comment", "", "kafka.bootstrap-servers: host:9092",
                "encoder.max-batch-size=8", "topics.images: 'my images'"));
        assertThat(m).containsExactly(Map.entry("kafka.bootstrap-servers", "host:9092"),
                Map.entry("encoder.max-batch-size", "8"), Map.entry("topics.images", "my images"));
    }
}
