package io.clipstream.model;

/**
 * The vision tower's hyper-parameters, named as in transformers' {@code CLIPVisionConfig}; fields
 * missing from {@code config.json} take that class's defaults ({@link #defaults()}).
 *
 * @param hiddenSize width of the transformer
 * @param intermediateSize width of the MLP inside each layer
 * @param numHiddenLayers number of encoder layers
 * @param numAttentionHeads heads per attention layer; must divide {@code hiddenSize}
 * @param numChannels colour channels of the input
 * @param imageSize side of the square input image
 * @param patchSize side of a square patch; must divide {@code imageSize}
 * @param hiddenAct activation of the MLP
 * @param layerNormEps epsilon of every layer norm
 */
public record ClipVisionConfig(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numChannels,
        int imageSize,
        int patchSize,
        String hiddenAct,
        double layerNormEps) {

    /** Validates the values: every size positive, heads and patches dividing evenly. */
    public ClipVisionConfig {
        requirePositive("vision_config", "hidden_size", hiddenSize);
        requirePositive("vision_config", "intermediate_size", intermediateSize);
        requirePositive("vision_config", "num_hidden_layers", numHiddenLayers);
        requirePositive("vision_config", "num_attention_heads", numAttentionHeads);
        requirePositive("vision_config", "num_channels", numChannels);
        requirePositive("vision_config", "image_size", imageSize);
        requirePositive("vision_config", "patch_size", patchSize);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ModelLoadException("vision_config: hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numAttentionHeads);
        }
        if (imageSize % patchSize != 0) {
            throw new ModelLoadException("vision_config: image_size " + imageSize
                    + " is not divisible by patch_size " + patchSize);
        }
        try {
            Activation.forName(hiddenAct);
        } catch (ModelLoadException e) {
            throw new ModelLoadException("vision_config: " + e.getMessage(), e);
        }
        if (!(layerNormEps > 0)) {
            throw new ModelLoadException("vision_config: layer_norm_eps must be > 0, got " + layerNormEps);
        }
    }

    /** transformers' {@code CLIPVisionConfig()} defaults (the openai ViT-B/32 vision tower). */
    public static ClipVisionConfig defaults() {
        return new ClipVisionConfig(768, 3072, 12, 12, 3, 224, 32, "quick_gelu", 1e-5);
    }

    /** Patches along one side of the image. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Positions the encoder sees: one per patch plus the class token. */
    public int numPositions() {
        return gridSize() * gridSize() + 1;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    static void requirePositive(String section, String key, long value) {
        if (value <= 0) {
            throw new ModelLoadException(section + ": " + key + " must be > 0, got " + value);
        }
    }
}
