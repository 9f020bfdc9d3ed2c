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
 * An image–text model's {@code config.json}: its {@link ModelFamily}, the two towers and the
 * shared embedding width.
 *
 * <p>Reads the transformers layout (top level, {@code text_config}, {@code vision_config}); a
 * missing field takes transformers' default for the family, so a hand-written minimal config and a
 * downloaded one load the same way. {@link #toJson()} writes a config transformers itself can read.
 *
 * @param family the model family, which fixes the architecture and the scoring rule
 * @param text the text tower
 * @param vision the vision tower
 * @param projectionDim length of the shared embedding; for SigLIP the text head's
 *     {@code projection_size}, which must equal the vision width
 * @param logitScaleInitValue initial value of the stored (log) logit scale
 * @param typeVocabSize token-type vocabulary of a BERT text tower (Chinese-CLIP), else 0
 * @param textPadTokenId the padding id a BERT text tower masks out (Chinese-CLIP), else 0
 */
public record ClipConfig(ModelFamily family, ClipTextConfig text, ClipVisionConfig vision, int projectionDim,
                         double logitScaleInitValue, int typeVocabSize, long textPadTokenId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the projection width. */
    public ClipConfig {
        if (family == null || text == null || vision == null) {
            throw new ModelLoadException("config.json: family, text and vision configs are required");
        }
        ClipVisionConfig.requirePositive("config.json", "projection_dim", projectionDim);
        if (family == ModelFamily.SIGLIP && projectionDim != vision.hiddenSize()) {
            throw new ModelLoadException("config.json: text_config.projection_size " + projectionDim
                    + " must equal vision_config.hidden_size " + vision.hiddenSize() + " (SigLIP compares them directly)");
        }
        if (family == ModelFamily.CHINESE_CLIP) {
            ClipVisionConfig.requirePositive("text_config", "type_vocab_size", typeVocabSize);
        }
    }

    /** A CLIP config. */
    public ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim, double logitScaleInitValue) {
        this(ModelFamily.CLIP, text, vision, projectionDim, logitScaleInitValue, 0, 0);
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
        ModelFamily family = ModelFamily.detect(root);
        JsonNode t = section(root, "text_config", "text_config_dict");
        JsonNode v = section(root, "vision_config", "vision_config_dict");
        ClipTextConfig td = FamilyDefaults.text(family);
        ClipVisionConfig vd = FamilyDefaults.vision(family);
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
        int projection = family == ModelFamily.SIGLIP
                ? intOf(t, "projection_size", text.hiddenSize())
                : intOf(root, "projection_dim", 512);
        boolean bert = family == ModelFamily.CHINESE_CLIP;
        return new ClipConfig(family, text, vision, projection, root.path("logit_scale_init_value").asDouble(2.6592),
                bert ? intOf(t, "type_vocab_size", 2) : 0, bert ? t.path("pad_token_id").asLong(0) : 0);
    }

    /** The config as transformers writes it, so the folder also loads with {@code CLIPModel}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add(family.architecture());
        root.put("model_type", family.modelType());
        if (family != ModelFamily.SIGLIP) {
            root.put("projection_dim", projectionDim);
        }
        root.put("logit_scale_init_value", logitScaleInitValue);
        root.put("initializer_factor", 1.0);
        root.put("torch_dtype", "float32");
        ObjectNode t = root.putObject("text_config");
        t.put("model_type", family.modelType() + "_text_model");
        t.put("vocab_size", text.vocabSize());
        t.put("hidden_size", text.hiddenSize());
        t.put("intermediate_size", text.intermediateSize());
        t.put("num_hidden_layers", text.numHiddenLayers());
        t.put("num_attention_heads", text.numAttentionHeads());
        t.put("max_position_embeddings", text.maxPositionEmbeddings());
        t.put("hidden_act", text.hiddenAct());
        t.put("layer_norm_eps", text.layerNormEps());
        t.put("eos_token_id", text.eosTokenId());
        if (family == ModelFamily.SIGLIP) {
            t.put("projection_size", projectionDim);
        } else {
            t.put("projection_dim", projectionDim);
        }
        if (family == ModelFamily.CHINESE_CLIP) {
            t.put("type_vocab_size", typeVocabSize);
            t.put("pad_token_id", textPadTokenId);
        }
        ObjectNode v = root.putObject("vision_config");
        v.put("model_type", family.modelType() + "_vision_model");
        v.put("hidden_size", vision.hiddenSize());
        v.put("intermediate_size", vision.intermediateSize());
        v.put("num_hidden_layers", vision.numHiddenLayers());
        v.put("num_attention_heads", vision.numAttentionHeads());
        v.put("num_channels", vision.numChannels());
        v.put("image_size", vision.imageSize());
        v.put("patch_size", vision.patchSize());
        v.put("hidden_act", vision.hiddenAct());
        v.put("layer_norm_eps", vision.layerNormEps());
        if (family != ModelFamily.SIGLIP) {
            v.put("projection_dim", projectionDim);
        }
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
