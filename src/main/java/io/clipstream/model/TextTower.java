package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * CLIP's text transformer as in transformers' {@code CLIPTextTransformer}: token plus position
 * embeddings, causal self-attention, final layer norm, pooling at the end-of-text token, then the
 * text projection.
 */
final class TextTower {

    private TextTower() {}

    /** Projected (not normalised) features {@code [batch, projection_dim]} for ids {@code [batch, length]}. */
    static NDArray features(ClipConfig config, Map<String, NDArray> p, NDArray ids) {
        ClipTextConfig t = config.text();
        ids = TextEmbeddings.checkedIds(ids, t);
        long length = ids.getShape().get(1);
        NDManager manager = ids.getManager();
        NDArray x = TextEmbeddings.tokenPlusPosition(ids, p.get("text_model.embeddings.token_embedding.weight"),
                p.get("text_model.embeddings.position_embedding.weight"));
        x = TransformerOps.encoder(x, p, "text_model.encoder.layers.", t.numHiddenLayers(), t.numAttentionHeads(),
                t.layerNormEps(), Activation.forName(t.hiddenAct()), causalMask(manager, (int) length, x.getDataType()));
        x = TransformerOps.layerNorm(x, p, "text_model.final_layer_norm", t.layerNormEps());
        NDArray pooled = pool(x, ids, t);
        return TransformerOps.linear(pooled, p.get("text_projection.weight"), null);
    }

    /**
     * transformers' pooling rule: a legacy config ({@code eos_token_id == 2}) takes the position
     * of the highest id in each row (the end-of-text token has the highest id in CLIP's
     * vocabulary); otherwise the first position holding {@code eos_token_id}.
     */
    static NDArray pool(NDArray hidden, NDArray ids, ClipTextConfig t) {
        Shape s = hidden.getShape();
        long batch = s.get(0);
        long length = s.get(1);
        NDArray position = t.legacyPooling()
                ? ids.argMax(1)
                : ids.eq(t.eosTokenId()).toType(DataType.INT32, false).argMax(1);
        NDArray rowStart = ids.getManager().arange(0, (int) (batch * length), (int) length).toType(DataType.INT64, false);
        NDArray flatIndex = position.toType(DataType.INT64, false).add(rowStart);
        return hidden.reshape(batch * length, s.get(2)).get(flatIndex);
    }

    private static NDArray causalMask(NDManager manager, int length, DataType type) {
        float[] mask = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                mask[i * length + j] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray m = manager.create(mask, new Shape(length, length));
        return type == DataType.FLOAT32 ? m : m.toType(type, false);
    }
}
