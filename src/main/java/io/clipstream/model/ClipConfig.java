package io.clipstream.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A CLIP model's {@code config.json}: the two towers plus the shared projection.
 *
 * <p>Reads the transformers layout (top level, {@code text_config}, {@code vision_config}); a
 * missing field takes transformers' default, so a hand-written minimal config and a downloaded
 * openai one load the same way. {@link #toJson()} writes a config transformers itself can read.
 *
 * @param text the text tower
 * @param vision the vision tower
 * @param projectionDim length of the shared embedding both towers project into
 * @param logitScaleInitValue initial value of the stored (log) logit scale
 */
public record ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim, double logitScaleInitValue) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the projection width. */
    public ClipConfig {
        if (text == null || vision == null) {
            throw new ModelLoadException("config.json: text and vision configs are required");
        }
        ClipVisionConfig.requirePositive("config.json", "projection_dim", projectionDim);
    }

    /** transformers' {@code CLIPConfig()} defaults: the shape of openai/clip-vit-base-patch32. */
    public static ClipConfig defaults() {
        return new ClipConfig(ClipTextConfig.defaults(), ClipVisionConfig.defaults(), 512, 2.6592);
    }

    /** Reads {@code config.json}. */
    public static ClipConfig load(Path configJson) {
        try {
            return parse(Files.readString(configJson));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("Missing " + configJson.getFileName() + " in " + configJson.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of a {@code config.json}. */
    public static ClipConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelLoadException("config.json is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException("config.json must hold a JSON object");
        }
        JsonNode t = section(root, "text_config", "text_config_dict");
        JsonNode v = section(root, "vision_config", "vision_config_dict");
        ClipTextConfig td = ClipTextConfig.defaults();
        ClipVisionConfig vd = ClipVisionConfig.defaults();
        ClipTextConfig text = new ClipTextConfig(
                intOf(t, "vocab_size", td.vocabSize()),
                intOf(t, "hidden_size", td.hiddenSize()),
                intOf(t, "intermediate_size", td.intermediateSize()),
                intOf(t, "num_hidden_layers", td.numHiddenLayers()),
                intOf(t, "num_attention_heads", td.numAttentionHeads()),
                intOf(t, "max_position_embeddings", td.maxPositionEmbeddings()),
                t.path("hidden_act").asText(td.hiddenAct()),
                t.path("layer_norm_eps").asDouble(td.layerNormEps()),
                t.path("eos_token_id").asLong(td.eosTokenId()));
        ClipVisionConfig vision = new ClipVisionConfig(
                intOf(v, "hidden_size", vd.hiddenSize()),
                intOf(v, "intermediate_size", vd.intermediateSize()),
                intOf(v, "num_hidden_layers", vd.numHiddenLayers()),
                intOf(v, "num_attention_heads", vd.numAttentionHeads()),
                intOf(v, "num_channels", vd.numChannels()),
                intOf(v, "image_size", vd.imageSize()),
                intOf(v, "patch_size", vd.patchSize()),
                v.path("hidden_act").asText(vd.hiddenAct()),
                v.path("layer_norm_eps").asDouble(vd.layerNormEps()));
        return new ClipConfig(text, vision, intOf(root, "projection_dim", 512),
                root.path("logit_scale_init_value").asDouble(2.6592));
    }

    /** The config as transformers writes it, so the folder also loads with {@code CLIPModel}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("CLIPModel");
        root.put("model_type", "clip");
        root.put("projection_dim", projectionDim);
        root.put("logit_scale_init_value", logitScaleInitValue);
        root.put("initializer_factor", 1.0);
        root.put("torch_dtype", "float32");
        ObjectNode t = root.putObject("text_config");
        t.put("model_type", "clip_text_model");
        t.put("vocab_size", text.vocabSize());
        t.put("hidden_size", text.hiddenSize());
        t.put("intermediate_size", text.intermediateSize());
        t.put("num_hidden_layers", text.numHiddenLayers());
        t.put("num_attention_heads", text.numAttentionHeads());
        t.put("max_position_embeddings", text.maxPositionEmbeddings());
        t.put("hidden_act", text.hiddenAct());
        t.put("layer_norm_eps", text.layerNormEps());
        t.put("eos_token_id", text.eosTokenId());
        t.put("projection_dim", projectionDim);
        ObjectNode v = root.putObject("vision_config");
        v.put("model_type", "clip_vision_model");
        v.put("hidden_size", vision.hiddenSize());
        v.put("intermediate_size", vision.intermediateSize());
        v.put("num_hidden_layers", vision.numHiddenLayers());
        v.put("num_attention_heads", vision.numAttentionHeads());
        v.put("num_channels", vision.numChannels());
        v.put("image_size", vision.imageSize());
        v.put("patch_size", vision.patchSize());
        v.put("hidden_act", vision.hiddenAct());
        v.put("layer_norm_eps", vision.layerNormEps());
        v.put("projection_dim", projectionDim);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A tower's section; older transformers configs carry it (or overrides of it) as
     * {@code *_config_dict}, which transformers lets win, so it is merged on top here too.
     */
    private static JsonNode section(JsonNode root, String name, String legacyName) {
        ObjectNode merged = JSON.createObjectNode();
        for (String key : new String[] {name, legacyName}) {
            JsonNode node = root.path(key);
            if (node.isMissingNode() || node.isNull()) {
                continue;
            }
            if (!node.isObject()) {
                throw new ModelLoadException("config.json: " + key + " must be an object");
            }
            merged.setAll((ObjectNode) node);
        }
        return merged;
    }

    private static int intOf(JsonNode node, String key, int fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt()) {
            throw new ModelLoadException("config.json: " + key + " must be an integer, got " + value);
        }
        return value.asInt();
    }
}
