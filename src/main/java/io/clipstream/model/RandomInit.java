package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * transformers' CLIP initialisation ({@code CLIPPreTrainedModel._init_weights}, factor 1.0,
 * initializer_range 0.02): embeddings N(0, 0.02), class embedding N(0, width^-0.5), attention
 * inputs N(0, width^-0.5 (2 layers)^-0.5), attention output N(0, width^-0.5), MLP fc1
 * N(0, (2 width)^-0.5), fc2 like the attention inputs, projections N(0, tower width^-0.5), biases
 * 0, layer norms 1 and 0, {@code logit_scale = logit_scale_init_value}. Values come from a Java
 * generator seeded per tensor, so they do not depend on the engine or the order of creation.
 */
final class RandomInit {
    private static final double INITIALIZER_RANGE = 0.02;

    private RandomInit() {}

    static Map<String, NDArray> parameters(ClipConfig config, long seed, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : ParameterLayout.of(config).entrySet()) {
            String name = e.getKey();
            Shape shape = e.getValue();
            float[] values = new float[Math.toIntExact(shape.size())];
            if (name.equals("logit_scale")) {
                values[0] = (float) config.logitScaleInitValue();
            } else if (name.equals("logit_bias")) {
                values[0] = -10f; // SiglipModel's initial bias
            } else if (isLayerNorm(name)) {
                java.util.Arrays.fill(values, name.endsWith(".weight") ? 1f : 0f);
            } else if (!name.endsWith(".bias")) {
                Random random = new Random(seed * 1_000_003L + name.hashCode());
                double std = std(config, name);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            }
            NDArray array = manager.create(values, shape);
            array.setName(name);
            out.put(name, array);
        }
        return out;
    }

    private static boolean isLayerNorm(String name) {
        return name.contains("layer_norm") || name.contains("layrnorm") || name.contains("layernorm")
                || name.contains("LayerNorm");
    }

    private static double std(ClipConfig config, String name) {
        boolean text = name.startsWith("text_model.");
        int width = text ? config.text().hiddenSize() : config.vision().hiddenSize();
        int layers = text ? config.text().numHiddenLayers() : config.vision().numHiddenLayers();
        double inProj = Math.pow(width, -0.5) * Math.pow(2.0 * layers, -0.5);
        if (name.equals("text_projection.weight")) {
            return Math.pow(config.text().hiddenSize(), -0.5);
        }
        if (name.equals("visual_projection.weight")) {
            return Math.pow(config.vision().hiddenSize(), -0.5);
        }
        if (name.endsWith("class_embedding")) {
            return Math.pow(width, -0.5);
        }
        if (name.contains(".embeddings.")) {
            return INITIALIZER_RANGE;
        }
        if (name.contains("out_proj")) {
            return Math.pow(width, -0.5);
        }
        if (name.contains("_proj")) {
            return inProj;
        }
        if (name.contains("mlp.fc1")) {
            return Math.pow(2.0 * width, -0.5);
        }
        if (name.contains("mlp.fc2")) {
            return inProj;
        }
        // the other families' own tensors (SigLIP head and probe, BERT layers): transformers' default
        return INITIALIZER_RANGE;
    }
}
