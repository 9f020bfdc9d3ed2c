package io.clipstream.model;

import ai.djl.ndarray.types.Shape;
import java.util.Map;

/** Parameter names and shapes of transformers' {@code SiglipModel}. */
final class SiglipLayout {

    private SiglipLayout() {}

    static void add(Map<String, Shape> shapes, ClipConfig config) {
        shapes.put("logit_bias", new Shape(1));
        shapes.put("logit_scale", new Shape(1));
        ClipTextConfig t = config.text();
        shapes.put("text_model.embeddings.position_embedding.weight", new Shape(t.maxPositionEmbeddings(), t.hiddenSize()));
        shapes.put("text_model.embeddings.token_embedding.weight", new Shape(t.vocabSize(), t.hiddenSize()));
        ParameterLayout.encoderLayers(shapes, "text_model.encoder.layers.", t.numHiddenLayers(), t.hiddenSize(),
                t.intermediateSize());
        ParameterLayout.layerNorm(shapes, "text_model.final_layer_norm", t.hiddenSize());
        ParameterLayout.linear(shapes, "text_model.head", config.projectionDim(), t.hiddenSize());
        ClipVisionConfig v = config.vision();
        int width = v.hiddenSize();
        shapes.put("vision_model.embeddings.patch_embedding.bias", new Shape(width));
        shapes.put("vision_model.embeddings.patch_embedding.weight",
                new Shape(width, v.numChannels(), v.patchSize(), v.patchSize()));
        shapes.put("vision_model.embeddings.position_embedding.weight",
                new Shape((long) v.gridSize() * v.gridSize(), width));
        ParameterLayout.encoderLayers(shapes, "vision_model.encoder.layers.", v.numHiddenLayers(), width,
                v.intermediateSize());
        shapes.put("vision_model.head.attention.in_proj_bias", new Shape(3L * width));
        shapes.put("vision_model.head.attention.in_proj_weight", new Shape(3L * width, width));
        ParameterLayout.linear(shapes, "vision_model.head.attention.out_proj", width, width);
        ParameterLayout.layerNorm(shapes, "vision_model.head.layernorm", width);
        ParameterLayout.linear(shapes, "vision_model.head.mlp.fc1", v.intermediateSize(), width);
        ParameterLayout.linear(shapes, "vision_model.head.mlp.fc2", width, v.intermediateSize());
        shapes.put("vision_model.head.probe", new Shape(1, 1, width));
        ParameterLayout.layerNorm(shapes, "vision_model.post_layernorm", width);
    }
}
