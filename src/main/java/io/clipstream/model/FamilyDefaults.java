package io.clipstream.model;

/** transformers' default tower configs per family: what a missing {@code config.json} field means. */
final class FamilyDefaults {

    private FamilyDefaults() {}

    static ClipTextConfig text(ModelFamily family) {
        return switch (family) {
            case CLIP -> ClipTextConfig.defaults();
            // SiglipTextConfig(); eos is unused: SigLIP pools at the last position
            case SIGLIP -> new ClipTextConfig(32000, 768, 3072, 12, 12, 64, "gelu_pytorch_tanh", 1e-6, 1);
            // ChineseCLIPTextConfig() (BERT-base); eos is unused: the text pools at [CLS]
            case CHINESE_CLIP -> new ClipTextConfig(30522, 768, 3072, 12, 12, 512, "gelu", 1e-12, 0);
        };
    }

    static ClipVisionConfig vision(ModelFamily family) {
        return switch (family) {
            case CLIP, CHINESE_CLIP -> ClipVisionConfig.defaults();
            case SIGLIP -> new ClipVisionConfig(768, 3072, 12, 12, 3, 224, 16, "gelu_pytorch_tanh", 1e-6);
        };
    }
}
