package io.clipstream.model;

import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names and shapes of every parameter for a config, in transformers' {@code state_dict} order
 * and with transformers' names (including CLIP's {@code pre_layrnorm} spelling), so weights
 * written by transformers load here and weights written here load in transformers. The SigLIP and
 * BERT parts live in {@link SiglipLayout} and {@link BertTextTower}.
 */
public final class ParameterLayout {

    /** Buffers transformers may store next to the parameters; they are read and ignored. */
    private static final Pattern TOLERATED_BUFFERS = Pattern.compile(".*\\.(position_ids|token_type_ids)");

    private ParameterLayout() {}

    /** Every expected tensor name with its shape, in {@code state_dict} order. */
    public static Map<String, Shape> of(ClipConfig config) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        switch (config.family()) {
            case SIGLIP -> SiglipLayout.add(shapes, config);
            case CHINESE_CLIP -> {
                shapes.put("logit_scale", new Shape());
                BertTextTower.layout(shapes, config);
                clipVision(shapes, config);
                shapes.put("text_projection.weight", new Shape(config.projectionDim(), config.text().hiddenSize()));
            }
            default -> clip(shapes, config);
        }
        return Collections.unmodifiableMap(shapes);
    }

    private static void clip(Map<String, Shape> shapes, ClipConfig config) {
        shapes.put("logit_scale", new Shape());
        ClipTextConfig t = config.text();
        shapes.put("text_model.embeddings.token_embedding.weight", new Shape(t.vocabSize(), t.hiddenSize()));
        shapes.put("text_model.embeddings.position_embedding.weight", new Shape(t.maxPositionEmbeddings(), t.hiddenSize()));
        encoderLayers(shapes, "text_model.encoder.layers.", t.numHiddenLayers(), t.hiddenSize(), t.intermediateSize());
        layerNorm(shapes, "text_model.final_layer_norm", t.hiddenSize());
        clipVision(shapes, config);
        shapes.put("text_projection.weight", new Shape(config.projectionDim(), t.hiddenSize()));
    }

    private static void clipVision(Map<String, Shape> shapes, ClipConfig config) {
        ClipVisionConfig v = config.vision();
        shapes.put("vision_model.embeddings.class_embedding", new Shape(v.hiddenSize()));
        shapes.put("vision_model.embeddings.patch_embedding.weight",
                new Shape(v.hiddenSize(), v.numChannels(), v.patchSize(), v.patchSize()));
        shapes.put("vision_model.embeddings.position_embedding.weight", new Shape(v.numPositions(), v.hiddenSize()));
        layerNorm(shapes, "vision_model.pre_layrnorm", v.hiddenSize());
        encoderLayers(shapes, "vision_model.encoder.layers.", v.numHiddenLayers(), v.hiddenSize(), v.intermediateSize());
        layerNorm(shapes, "vision_model.post_layernorm", v.hiddenSize());
        shapes.put("visual_projection.weight", new Shape(config.projectionDim(), v.hiddenSize()));
    }

    /** Whether a stored tensor that is no parameter may be skipped silently. */
    public static boolean isToleratedBuffer(String name) {
        return TOLERATED_BUFFERS.matcher(name).matches();
    }

    static void encoderLayers(Map<String, Shape> shapes, String prefix, int layers, int hidden, int inner) {
        for (int i = 0; i < layers; i++) {
            String p = prefix + i + ".";
            for (String proj : new String[] {"k_proj", "v_proj", "q_proj", "out_proj"}) {
                linear(shapes, p + "self_attn." + proj, hidden, hidden);
            }
            layerNorm(shapes, p + "layer_norm1", hidden);
            linear(shapes, p + "mlp.fc1", inner, hidden);
            linear(shapes, p + "mlp.fc2", hidden, inner);
            layerNorm(shapes, p + "layer_norm2", hidden);
        }
    }

    static void linear(Map<String, Shape> shapes, String name, int out, int in) {
        shapes.put(name + ".weight", new Shape(out, in));
        shapes.put(name + ".bias", new Shape(out));
    }

    static void layerNorm(Map<String, Shape> shapes, String name, int width) {
        shapes.put(name + ".weight", new Shape(width));
        shapes.put(name + ".bias", new Shape(width));
    }
}
