package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.Map;

/**
 * SigLIP's text transformer as in transformers' {@code SiglipTextTransformer}: token plus
 * position embeddings, bidirectional self-attention without a mask (the google checkpoints are used
 * with every row padded to {@code max_position_embeddings}), final layer norm, the last position
 * pooled, then the {@code head} Linear (with bias).
 */
final class SiglipTextTower {

    private SiglipTextTower() {}

    static NDArray features(ClipConfig config, Map<String, NDArray> p, NDArray ids) {
        ClipTextConfig t = config.text();
        Shape shape = ids.getShape();
        if (shape.dimension() != 2 || shape.get(1) < 1) {
            throw new IllegalArgumentException("token ids must have shape [batch, length], got " + shape);
        }
        long length = shape.get(1);
        if (length > t.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("token sequence of length " + length
                    + " exceeds max_position_embeddings " + t.maxPositionEmbeddings());
        }
        if (ids.getDataType() != DataType.INT64) {
            ids = ids.toType(DataType.INT64, false);
        }
        NDManager manager = ids.getManager();
        NDArray x = Embedding.embedding(ids, p.get("text_model.embeddings.token_embedding.weight"), SparseFormat.DENSE)
                .singletonOrThrow()
                .add(p.get("text_model.embeddings.position_embedding.weight").get(manager, new NDIndex("0:{}", length)));
        x = TransformerOps.encoder(x, p, "text_model.encoder.layers.", t.numHiddenLayers(), t.numAttentionHeads(),
                t.layerNormEps(), Activation.forName(t.hiddenAct()), null);
        x = TransformerOps.layerNorm(x, p, "text_model.final_layer_norm", t.layerNormEps());
        NDArray pooled = x.get(new NDIndex(":, {}, :", length - 1));
        return TransformerOps.linear(pooled, p.get("text_model.head.weight"), p.get("text_model.head.bias"));
    }
}
