package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading failures each give a message that names the file, key or tensor at fault. */
class ModelFolderTest {

    @TempDir Path tmp;

    private Path folder() {
        return TinyCheckpoints.write(tmp.resolve("tiny"), TinyCheckpoints.config(), 1);
    }

    @Test
    void missingFolderIsNamed() {
        assertThatThrownBy(() -> ClipModel.load(tmp.resolve("nowhere")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("nowhere").hasMessageContaining("does not exist");
    }

    @Test
    void missingConfigIsNamed() throws IOException {
        Path dir = folder();
        Files.delete(dir.resolve("config.json"));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("Missing config.json");
    }

    @Test
    void missingWeightsAreNamed() throws IOException {
        Path dir = folder();
        Files.delete(dir.resolve("model.safetensors"));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("Missing model.safetensors");
    }

    @Test
    void missingTokenizerIsNamed() throws IOException {
        Path dir = folder();
        Files.delete(dir.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class).hasMessageContaining("Missing tokenizer.json");
    }

    @Test
    void missingPreprocessorConfigIsNamed() throws IOException {
        Path dir = folder();
        Files.delete(dir.resolve("preprocessor_config.json"));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Missing preprocessor_config.json");
    }

    @Test
    void pickleOnlyFolderIsRefusedWithConversionCommand() throws IOException {
        Path dir = folder();
        Files.move(dir.resolve("model.safetensors"), dir.resolve("pytorch_model.bin"));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("pytorch_model.bin")
                .hasMessageContaining("save_pretrained")
                .hasMessageContaining("safe_serialization=True");
    }

    @Test
    void wrongShapeNamesTensorAndBothShapes() throws IOException {
        Path dir = folder();
        rewriteWeights(dir, (params, manager) ->
                params.put("text_model.encoder.layers.1.mlp.fc1.weight", manager.zeros(new Shape(24, 15))));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'text_model.encoder.layers.1.mlp.fc1.weight' has shape (24, 15)")
                .hasMessageContaining("expects (24, 16)");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path dir = folder();
        rewriteWeights(dir, (params, manager) -> params.remove("vision_model.post_layernorm.bias"));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("missing tensor 'vision_model.post_layernorm.bias' (expected shape (16))");
    }

    @Test
    void unexpectedTensorIsNamedButPositionIdsAreTolerated() throws IOException {
        Path dir = folder();
        rewriteWeights(dir, (params, manager) -> {
            params.put("text_model.embeddings.position_ids", manager.arange(0, 12).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(1, 12));
            params.put("vision_model.head.weight", manager.zeros(new Shape(3)));
        });
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("unexpected tensor 'vision_model.head.weight'")
                .hasMessageNotContaining("position_ids");
        rewriteWeights(dir, (params, manager) -> params.remove("vision_model.head.weight"));
        try (ClipModel model = ClipModel.load(dir)) {
            assertThat(model.encodeTexts(java.util.List.of("a cat"))[0]).hasSize(8);
        }
    }

    @Test
    void unknownActivationIsNamed() throws IOException {
        Path dir = folder();
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\"quick_gelu\"", "\"swishy\""));
        assertThatThrownBy(() -> ClipModel.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("text_config: Unsupported activation hidden_act='swishy'").hasMessageContaining("quick_gelu");
    }

    @Test
    void missingConfigFieldsTakeTransformersDefaults() {
        ClipConfig config = ClipConfig.parse("{\"text_config\": {\"hidden_size\": 64}, \"vision_config\": {}}");
        assertThat(config.text()).isEqualTo(new ClipTextConfig(49408, 64, 2048, 12, 8, 77, "quick_gelu", 1e-5, 2));
        assertThat(config.vision()).isEqualTo(ClipVisionConfig.defaults());
        assertThat(config.projectionDim()).isEqualTo(512);
        assertThat(config.logitScaleInitValue()).isEqualTo(2.6592);
        assertThat(ClipConfig.parse(config.toJson())).isEqualTo(config);
    }

    @Test
    void legacyConfigDictSectionsOverrideTheirConfigSections() {
        ClipConfig config = ClipConfig.parse("{\"text_config\": {\"hidden_size\": 64, \"num_hidden_layers\": 3},"
                + " \"text_config_dict\": {\"hidden_size\": 32}, \"text_config_dict_extra\": 1, \"vision_config\": null,"
                + " \"vision_config_dict\": {\"patch_size\": 16}}");
        assertThat(config.text().hiddenSize()).isEqualTo(32);
        assertThat(config.text().numHiddenLayers()).isEqualTo(3);
        assertThat(config.vision().patchSize()).isEqualTo(16);
        assertThat(config.vision().imageSize()).isEqualTo(224);
    }

    @Test
    void halfAndBfloat16WeightsAreWidenedToFloat32() throws IOException {
        // 1.5 and -2.0 in each format, little-endian
        Path f16 = tmp.resolve("f16.safetensors");
        Files.write(f16, safetensors("F16", new byte[] {0x00, 0x3E, 0x00, (byte) 0xC0}));
        Path bf16 = tmp.resolve("bf16.safetensors");
        Files.write(bf16, safetensors("BF16", new byte[] {(byte) 0xC0, 0x3F, 0x00, (byte) 0xC0}));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (Path file : new Path[] {f16, bf16}) {
                NDArray t = Safetensors.read(file, manager).get("t");
                assertThat(t.getDataType()).as(file.toString()).isEqualTo(ai.djl.ndarray.types.DataType.FLOAT32);
                assertThat(t.toFloatArray()).as(file.toString()).containsExactly(1.5f, -2.0f);
            }
        }
    }

    private static byte[] safetensors(String dtype, byte[] data) {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"t\":{\"dtype\":\"" + dtype
                + "\",\"shape\":[2],\"data_offsets\":[0," + data.length + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    private interface Edit {
        void apply(Map<String, NDArray> params, NDManager manager);
    }

    private static void rewriteWeights(Path dir, Edit edit) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> params = new LinkedHashMap<>(Safetensors.read(dir.resolve("model.safetensors"), manager));
            edit.apply(params, manager);
            Safetensors.write(dir.resolve("model.safetensors"), params);
        }
    }
}
