package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFamilyTest {

    @Test
    void familiesAreDetectedByModelTypeOrArchitecture() {
        assertThat(ClipConfig.parse("{\"model_type\": \"siglip\"}").family()).isEqualTo(ModelFamily.SIGLIP);
        assertThat(ClipConfig.parse("{\"architectures\": [\"ChineseCLIPModel\"]}").family())
                .isEqualTo(ModelFamily.CHINESE_CLIP);
        assertThat(ClipConfig.parse("{\"model_type\": \"clip\"}").family()).isEqualTo(ModelFamily.CLIP);
        // older CLIP folders name neither
        assertThat(ClipConfig.parse("{}").family()).isEqualTo(ModelFamily.CLIP);
    }

    @Test
    void missingFieldsTakeTheFamilysDefaults() {
        ClipConfig siglip = ClipConfig.parse("{\"model_type\": \"siglip\"}");
        assertThat(siglip.text().hiddenAct()).isEqualTo("gelu_pytorch_tanh");
        assertThat(siglip.text().layerNormEps()).isEqualTo(1e-6);
        assertThat(siglip.text().maxPositionEmbeddings()).isEqualTo(64);
        assertThat(siglip.vision().patchSize()).isEqualTo(16);
        assertThat(siglip.projectionDim()).isEqualTo(768);

        ClipConfig chinese = ClipConfig.parse("{\"model_type\": \"chinese_clip\"}");
        assertThat(chinese.text().hiddenAct()).isEqualTo("gelu");
        assertThat(chinese.text().layerNormEps()).isEqualTo(1e-12);
        assertThat(chinese.typeVocabSize()).isEqualTo(2);
        assertThat(chinese.vision().hiddenAct()).isEqualTo("quick_gelu");
    }

    @Test
    void configsRoundTripThroughTheirJson() {
        for (String json : new String[] {"{\"model_type\": \"siglip\"}", "{\"model_type\": \"chinese_clip\"}", "{}"}) {
            ClipConfig config = ClipConfig.parse(json);
            assertThat(ClipConfig.parse(config.toJson())).isEqualTo(config);
        }
    }

    @Test
    void anotherFamilyIsRefusedByNameWithTheSupportedOnes() {
        assertThatThrownBy(() -> ClipConfig.parse("{\"model_type\": \"align\", \"architectures\": [\"AlignModel\"]}"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model_type 'align'").hasMessageContaining("AlignModel")
                .hasMessageContaining("clip (CLIPModel), siglip (SiglipModel), chinese_clip (ChineseCLIPModel)");
    }

    @Test
    void siglip2NaflexIsRefused() {
        assertThatThrownBy(() -> ClipConfig.parse("{\"model_type\": \"siglip2\"}"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("NaFlex");
    }

    @Test
    void aSigLipWhoseTextHeadDoesNotMatchTheVisionWidthIsRefused() {
        assertThatThrownBy(() -> ClipConfig.parse("{\"model_type\": \"siglip\", \"text_config\": {\"projection_size\": 512}}"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("projection_size 512");
    }

    @Test
    void aSentencePieceOnlyFolderIsRefusedWithTheCommandThatWritesTokenizerJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("spiece.model"), "not read");

        assertThatThrownBy(() -> TokenizerFiles.load(dir, ClipConfig.parse("{\"model_type\": \"siglip\"}")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("spiece.model").hasMessageContaining("scripts/siglip/siglip_tokenizer_json.py");
    }
}
