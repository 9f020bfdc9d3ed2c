package io.clipstream.model;

/**
 * The text tower's hyper-parameters, named as in transformers' {@code CLIPTextConfig}; fields
 * missing from {@code config.json} take that class's defaults ({@link #defaults()}).
 *
 * @param vocabSize size of the token embedding table
 * @param hiddenSize width of the transformer
 * @param intermediateSize width of the MLP inside each layer
 * @param numHiddenLayers number of encoder layers
 * @param numAttentionHeads heads per attention layer; must divide {@code hiddenSize}
 * @param maxPositionEmbeddings context length: the longest token sequence the tower takes
 * @param hiddenAct activation of the MLP ({@code quick_gelu}, {@code gelu}, ...)
 * @param layerNormEps epsilon of every layer norm
 * @param eosTokenId end-of-text id; {@code 2} marks a legacy config pooled at the highest id
 */
public record ClipTextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int maxPositionEmbeddings,
        String hiddenAct,
        double layerNormEps,
        long eosTokenId) {

    /** The legacy end-of-text id that transformers treats as "pool at the argmax of the ids". */
    public static final long LEGACY_EOS_TOKEN_ID = 2;

    /** Validates the values: every size positive, heads dividing the width, a known activation. */
    public ClipTextConfig {
        ClipVisionConfig.requirePositive("text_config", "vocab_size", vocabSize);
        ClipVisionConfig.requirePositive("text_config", "hidden_size", hiddenSize);
        ClipVisionConfig.requirePositive("text_config", "intermediate_size", intermediateSize);
        ClipVisionConfig.requirePositive("text_config", "num_hidden_layers", numHiddenLayers);
        ClipVisionConfig.requirePositive("text_config", "num_attention_heads", numAttentionHeads);
        ClipVisionConfig.requirePositive("text_config", "max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ModelLoadException("text_config: hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numAttentionHeads);
        }
        try {
            Activation.forName(hiddenAct);
        } catch (ModelLoadException e) {
            throw new ModelLoadException("text_config: " + e.getMessage(), e);
        }
        if (!(layerNormEps > 0)) {
            throw new ModelLoadException("text_config: layer_norm_eps must be > 0, got " + layerNormEps);
        }
    }

    /** transformers' {@code CLIPTextConfig()} defaults (the openai ViT-B/32 text tower). */
    public static ClipTextConfig defaults() {
        return new ClipTextConfig(49408, 512, 2048, 12, 8, 77, "quick_gelu", 1e-5, LEGACY_EOS_TOKEN_ID);
    }

    /** Whether pooling takes the highest token id of each row instead of the first end-of-text. */
    public boolean legacyPooling() {
        return eosTokenId == LEGACY_EOS_TOKEN_ID;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
