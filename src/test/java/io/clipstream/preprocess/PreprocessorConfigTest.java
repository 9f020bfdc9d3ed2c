package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorConfigTest {

    /** The file as published with openai/clip-vit-base-patch32 (older, int-valued sizes). */
    private static final String OPENAI_STYLE = """
            {
              "crop_size": 224,
              "do_center_crop": true,
              "do_normalize": true,
              "do_resize": true,
              "feature_extractor_type": "CLIPFeatureExtractor",
              "image_mean": [0.48145466, 0.4578275, 0.40821073],
              "image_std": [0.26862954, 0.26130258, 0.27577711],
              "resample": 3,
              "size": 224
            }
            """;

    /** The layout current transformers writes. */
    private static final String DICT_STYLE = """
            {
              "crop_size": {"height": 96, "width": 96},
              "do_center_crop": true,
              "do_convert_rgb": true,
              "do_normalize": true,
              "do_rescale": true,
              "do_resize": true,
              "image_mean": [0.5, 0.5, 0.5],
              "image_processor_type": "CLIPImageProcessor",
              "image_std": [0.25, 0.5, 0.75],
              "resample": 2,
              "rescale_factor": 0.00392156862745098,
              "size": {"shortest_edge": 112}
            }
            """;

    @Test
    void intSizesMeanShortestEdgeAndSquareCrop() {
        PreprocessorConfig c = PreprocessorConfig.parse(OPENAI_STYLE);

        assertThat(c.shortestEdge()).isEqualTo(224);
        assertThat(c.cropHeight()).isEqualTo(224);
        assertThat(c.cropWidth()).isEqualTo(224);
        assertThat(c.resample()).isEqualTo(Resampling.BICUBIC);
        assertThat(c.rescaleFactor()).isEqualTo(1 / 255.0);
        assertThat(c).isEqualTo(PreprocessorConfig.defaults());
    }

    @Test
    void dictSizesAreRead() {
        PreprocessorConfig c = PreprocessorConfig.parse(DICT_STYLE);

        assertThat(c.shortestEdge()).isEqualTo(112);
        assertThat(c.cropHeight()).isEqualTo(96);
        assertThat(c.resample()).isEqualTo(Resampling.BILINEAR);
        assertThat(c.imageMean()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(c.imageStd()).containsExactly(0.25f, 0.5f, 0.75f);
        assertThat(ClipImageProcessor.of(c).cropSize()).isEqualTo(96);
    }

    @Test
    void heightAndWidthSizeMeansAFixedResize() {
        PreprocessorConfig c = PreprocessorConfig.parse("{\"size\": {\"height\": 64, \"width\": 48}}");

        assertThat(c.shortestEdge()).isZero();
        assertThat(c.resizeHeight()).isEqualTo(64);
        assertThat(c.resizeWidth()).isEqualTo(48);
    }

    @Test
    void missingKeysTakeClipImageProcessorDefaults() {
        PreprocessorConfig c = PreprocessorConfig.parse("{}");

        assertThat(c).isEqualTo(PreprocessorConfig.defaults());
        assertThat(c.imageMean()).containsExactly(0.48145466f, 0.4578275f, 0.40821073f);
        assertThat(c.imageStd()).containsExactly(0.26862954f, 0.26130258f, 0.27577711f);
        assertThat(c.doConvertRgb()).isTrue();
        assertThat(c.doRescale()).isTrue();
    }

    @Test
    void toJsonRoundTripsAndUsesTransformersKeys(@TempDir Path dir) throws Exception {
        PreprocessorConfig original = PreprocessorConfig.parse(DICT_STYLE);
        Path file = dir.resolve(PreprocessorConfig.FILE_NAME);
        Files.writeString(file, original.toJson());

        PreprocessorConfig reread = PreprocessorConfig.load(file);

        assertThat(reread).isEqualTo(original);
        assertThat(original.toJson()).contains("\"shortest_edge\" : 112", "\"resample\" : 2",
                "\"image_processor_type\" : \"CLIPImageProcessor\"");
        assertThat(PreprocessorConfig.defaults().toJson()).contains("0.48145466", "0.4578275", "0.27577711");
        PreprocessorConfig fixed = PreprocessorConfig.builder().optResizeTo(30, 40).optCropSize(20).build();
        assertThat(PreprocessorConfig.parse(fixed.toJson())).isEqualTo(fixed);
    }

    @Test
    void malformedValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> PreprocessorConfig.parse("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"size\": {\"longest_edge\": 3}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"crop_size\": {\"height\": 0, \"width\": 3}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"image_mean\": [0.5, 0.5]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image_mean");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"image_std\": [0.5, 0, 0.5]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image_std");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"resample\": 0}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resample");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"do_resize\": \"yes\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do_resize");
    }

    @Test
    void siglipProcessorsResizeBothSidesWithoutCropAndNormaliseAroundHalf() {
        PreprocessorConfig c = PreprocessorConfig.parse("{\"image_processor_type\": \"SiglipImageProcessor\"}");

        assertThat(c.doCenterCrop()).isFalse();
        assertThat(c.resizeHeight()).isEqualTo(224);
        assertThat(c.resizeWidth()).isEqualTo(224);
        assertThat(c.imageMean()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(c.imageStd()).containsExactly(0.5f, 0.5f, 0.5f);
        assertThat(ClipImageProcessor.of(c).cropSize()).isEqualTo(224);
        // a 384 checkpoint says so in size; no CLIP crop of 224 sneaks in
        assertThat(ClipImageProcessor.of(PreprocessorConfig.parse(
                "{\"image_processor_type\": \"SiglipImageProcessor\", \"size\": {\"height\": 384, \"width\": 384}}"))
                .cropSize()).isEqualTo(384);
    }

    @Test
    void alphaIsDroppedUnlessTheFolderDeclaresABackground() {
        assertThat(PreprocessorConfig.defaults().alphaBackground()).isEmpty();

        PreprocessorConfig white = PreprocessorConfig.parse("{\"clipstream\": {\"alpha_background\": [255, 255, 255]}}");
        PreprocessorConfig grey = PreprocessorConfig.parse("{\"clipstream\": {\"alpha_background\": [16, 32, 48]}}");

        assertThat(white.alphaBackground()).hasValue(0xFFFFFF);
        assertThat(grey.alphaBackground()).hasValue(0x102030);
        assertThat(PreprocessorConfig.parse(grey.toJson())).isEqualTo(grey);
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"clipstream\": {\"alpha_background\": \"white\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha_background");
        assertThatThrownBy(() -> PreprocessorConfig.parse("{\"clipstream\": {\"alpha_background\": [256, 0, 0]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..255");
    }
}
