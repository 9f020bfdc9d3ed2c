package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Map;

/**
 * SigLIP's vision transformer as in transformers' {@code SiglipVisionTransformer}: patch
 * convolution with bias, position embeddings (no class token, no pre-norm), encoder,
 * {@code post_layernorm}, then the attention-pooling head ({@link SiglipHead}). Its output is the
 * image embedding; SigLIP has no separate projection.
 */
final class SiglipVisionTower {

    private SiglipVisionTower() {}

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
        NDList conv = Conv2d.conv2d(pixels, p.get("vision_model.embeddings.patch_embedding.weight"),
                p.get("vision_model.embeddings.patch_embedding.bias"), new Shape(patch, patch), new Shape(0, 0),
                new Shape(1, 1), 1);
        NDArray x = conv.singletonOrThrow().reshape(batch, v.hiddenSize(), (long) v.gridSize() * v.gridSize())
                .transpose(0, 2, 1)
                .add(p.get("vision_model.embeddings.position_embedding.weight"));
        Activation act = Activation.forName(v.hiddenAct());
        x = TransformerOps.encoder(x, p, "vision_model.encoder.layers.", v.numHiddenLayers(), v.numAttentionHeads(),
                v.layerNormEps(), act, null);
        x = TransformerOps.layerNorm(x, p, "vision_model.post_layernorm", v.layerNormEps());
        return SiglipHead.pool(x, p, "vision_model.head.", v.numAttentionHeads(), v.layerNormEps(), act);
    }
}
