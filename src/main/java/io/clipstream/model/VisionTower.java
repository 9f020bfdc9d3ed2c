package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Map;

/**
 * CLIP's vision transformer as in transformers' {@code CLIPVisionTransformer}: patch convolution
 * (stride = patch, no bias), class token, position embeddings, {@code pre_layrnorm}, encoder,
 * {@code post_layernorm} on the class token, then the visual projection.
 */
final class VisionTower {

    private VisionTower() {}

    /** Projected (not normalised) features {@code [batch, projection_dim]} for pixels {@code [batch, C, S, S]}. */
    static NDArray features(ClipConfig config, Map<String, NDArray> p, NDArray pixels) {
        ClipVisionConfig v = config.vision();
        Shape shape = pixels.getShape();
        Shape expected = new Shape(shape.get(0), v.numChannels(), v.imageSize(), v.imageSize());
        if (shape.dimension() != 4 || !shape.equals(expected)) {
            throw new IllegalArgumentException("pixels must have shape [batch, " + v.numChannels() + ", "
                    + v.imageSize() + ", " + v.imageSize() + "], got " + shape);
        }
        long batch = shape.get(0);
        int patch = v.patchSize();
        NDArray patches = Conv2d.conv2d(pixels, p.get("vision_model.embeddings.patch_embedding.weight"), null,
                new Shape(patch, patch), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        patches = patches.reshape(batch, v.hiddenSize(), (long) v.gridSize() * v.gridSize()).transpose(0, 2, 1);
        NDArray classToken = pixels.getManager().zeros(new Shape(batch, 1, v.hiddenSize()), patches.getDataType())
                .add(p.get("vision_model.embeddings.class_embedding"));
        NDArray x = NDArrays.concat(new NDList(classToken, patches), 1)
                .add(p.get("vision_model.embeddings.position_embedding.weight"));
        x = TransformerOps.layerNorm(x, p, "vision_model.pre_layrnorm", v.layerNormEps());
        x = TransformerOps.encoder(x, p, "vision_model.encoder.layers.", v.numHiddenLayers(), v.numAttentionHeads(),
                v.layerNormEps(), Activation.forName(v.hiddenAct()), null);
        NDArray pooled = TransformerOps.layerNorm(x.get(":, 0, :"), p, "vision_model.post_layernorm", v.layerNormEps());
        return TransformerOps.linear(pooled, p.get("visual_projection.weight"), null);
    }
}
