package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIdsTest {

    @TempDir
    Path tmp;

    @Test
    void theTrainedModelIdNamesTheModelElseTheFolderDoes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("copied-folder"));
        Path weights = Files.writeString(dir.resolve("model.safetensors"), "weights");
        String hash = ModelIds.shortHash(weights);
        assertThat(ModelIds.of(dir, weights)).isEqualTo("copied-folder-" + hash);
        Files.writeString(dir.resolve("clipstream.json"), "{\"model_id\": \"emoji-run-7\"}");
        assertThat(ModelIds.of(dir, weights)).isEqualTo("emoji-run-7-" + hash);
        Files.writeString(dir.resolve("clipstream.json"), "{\"model_id\": \" \"}");
        assertThat(ModelIds.of(dir, weights)).isEqualTo("copied-folder-" + hash);
    }
}
