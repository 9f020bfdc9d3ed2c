package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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
        ids = TextEmbeddings.checkedIds(ids, t);
        long length = ids.getShape().get(1);
        NDArray x = TextEmbeddings.tokenPlusPosition(ids, p.get("text_model.embeddings.token_embedding.weight"),
                p.get("text_model.embeddings.position_embedding.weight"));
        x = TransformerOps.encoder(x, p, "text_model.encoder.layers.", t.numHiddenLayers(), t.numAttentionHeads(),
                t.layerNormEps(), Activation.forName(t.hiddenAct()), null);
        x = TransformerOps.layerNorm(x, p, "text_model.final_layer_norm", t.layerNormEps());
        NDArray pooled = x.get(new NDIndex(":, {}, :", length - 1));
        return TransformerOps.linear(pooled, p.get("text_model.head.weight"), p.get("text_model.head.bias"));
    }
}
