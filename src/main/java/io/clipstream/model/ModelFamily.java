package io.clipstream.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The image–text model families clipstream runs, told apart by {@code config.json}'s
 * {@code model_type} (or, where that is missing, its {@code architectures}).
 *
 * <p>Each family fixes the towers' architecture and how a pair's probability is computed:
 * {@link #CLIP} and {@link #CHINESE_CLIP} take the softmax of {@code exp(logit_scale) · cosine}
 * over the candidates; {@link #SIGLIP} scores each pair on its own with
 * {@code sigmoid(exp(logit_scale) · cosine + logit_bias)}.
 */
public enum ModelFamily {
    /** OpenAI CLIP ({@code CLIPModel}): pre-LN ViT with class token, causal text tower. */
    CLIP("clip", "CLIPModel", "Softmax"),
    /**
     * SigLIP ({@code SiglipModel}), SigLIP 2 fixed-resolution checkpoints included (they are
     * stored as {@code siglip}): ViT without class token and an attention-pooling head, bidirectional text
     * tower pooled at the last position, sigmoid scores.
     */
    SIGLIP("siglip", "SiglipModel", "Sigmoid"),
    /** Chinese-CLIP ({@code ChineseCLIPModel}): CLIP's vision tower, a BERT text tower. */
    CHINESE_CLIP("chinese_clip", "ChineseCLIPModel", "Softmax");

    private final String modelType;
    private final String architecture;
    private final String scoring;

    ModelFamily(String modelType, String architecture, String scoring) {
        this.modelType = modelType;
        this.architecture = architecture;
        this.scoring = scoring;
    }

    /** {@code model_type} in {@code config.json}. */
    public String modelType() {
        return modelType;
    }

    /** The transformers class of the whole model, as {@code architectures} names it. */
    public String architecture() {
        return architecture;
    }

    /** Whether pairs are scored independently with a sigmoid rather than by a softmax over candidates. */
    public boolean sigmoidScores() {
        return scoring.equals("Sigmoid");
    }

    /**
     * The family of a parsed {@code config.json}; a config without {@code model_type} or
     * {@code architectures} is CLIP, as older CLIP folders are.
     *
     * @throws ModelLoadException for any other family, naming it and listing the supported ones
     */
    public static ModelFamily detect(JsonNode root) {
        String type = root.path("model_type").asText("").toLowerCase(Locale.ROOT);
        String arch = root.path("architectures").path(0).asText("");
        if (type.isEmpty() && arch.isEmpty()) {
            return CLIP;
        }
        for (ModelFamily f : values()) {
            if (f.modelType.equals(type) || (type.isEmpty() && f.architecture.equals(arch))) {
                return f;
            }
        }
        if (type.equals("siglip2") || arch.startsWith("Siglip2")) {
            throw siglip2();
        }
        throw new ModelLoadException("Unsupported model family: config.json has model_type '" + type
                + "' (architectures " + root.path("architectures") + "); clipstream supports " + supported());
    }

    /** The supported families as {@code model_type (Architecture)} pairs, for messages. */
    public static String supported() {
        return Arrays.stream(values()).map(f -> f.modelType + " (" + f.architecture + ")")
                .collect(Collectors.joining(", "));
    }

    private static ModelLoadException siglip2() {
        // transformers' siglip2 model type is NaFlex: a variable number of patches per image with
        // interpolated position embeddings; SigLIP 2 fixed-resolution checkpoints say "siglip"
        return new ModelLoadException("SigLIP 2 NaFlex checkpoints (model_type siglip2, variable resolution) are not"
                + " supported; SigLIP 2 fixed-resolution checkpoints (model_type siglip, e.g. siglip2-base-patch16-224)"
                + " load as SigLIP. Supported: " + supported());
    }
}
