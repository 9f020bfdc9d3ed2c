package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * Chinese-CLIP's BERT text tower as in transformers' {@code ChineseCLIPTextModel} without its
 * pooler: word, position and token-type (all type 0) embeddings with a layer norm, post-LN
 * encoder layers ({@code x = LN(x + attn(x))}, {@code x = LN(x + mlp(x))}), padding positions
 * masked out of the attention, then {@code text_projection} of the {@code [CLS]} position.
 */
final class BertTextTower {
    private static final String P = "text_model.";

    private BertTextTower() {}

    /** The BERT tower's parameters in {@code state_dict} order. */
    static void layout(Map<String, Shape> shapes, ClipConfig config) {
        ClipTextConfig t = config.text();
        int width = t.hiddenSize();
        shapes.put(P + "embeddings.word_embeddings.weight", new Shape(t.vocabSize(), width));
        shapes.put(P + "embeddings.position_embeddings.weight", new Shape(t.maxPositionEmbeddings(), width));
        shapes.put(P + "embeddings.token_type_embeddings.weight", new Shape(config.typeVocabSize(), width));
        ParameterLayout.layerNorm(shapes, P + "embeddings.LayerNorm", width);
        for (int i = 0; i < t.numHiddenLayers(); i++) {
            String l = P + "encoder.layer." + i + ".";
            ParameterLayout.linear(shapes, l + "attention.self.query", width, width);
            ParameterLayout.linear(shapes, l + "attention.self.key", width, width);
            ParameterLayout.linear(shapes, l + "attention.self.value", width, width);
            ParameterLayout.linear(shapes, l + "attention.output.dense", width, width);
            ParameterLayout.layerNorm(shapes, l + "attention.output.LayerNorm", width);
            ParameterLayout.linear(shapes, l + "intermediate.dense", t.intermediateSize(), width);
            ParameterLayout.linear(shapes, l + "output.dense", width, t.intermediateSize());
            ParameterLayout.layerNorm(shapes, l + "output.LayerNorm", width);
        }
    }

    static NDArray features(ClipConfig config, Map<String, NDArray> p, NDArray ids) {
        ClipTextConfig t = config.text();
        ids = TextEmbeddings.checkedIds(ids, t);
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        double eps = t.layerNormEps();
        NDArray x = TextEmbeddings.tokenPlusPosition(ids, p.get(P + "embeddings.word_embeddings.weight"),
                        p.get(P + "embeddings.position_embeddings.weight"))
                .add(p.get(P + "embeddings.token_type_embeddings.weight").get(ids.getManager(), new NDIndex("0")));
        x = TransformerOps.layerNorm(x, p, P + "embeddings.LayerNorm", eps);
        // the tokenizer's attention mask is exactly "not padding": [PAD] never stands for text
        NDArray padding = ids.eq(config.textPadTokenId()).reshape(batch, 1, 1, length).toType(x.getDataType(), false);
        NDArray mask = padding.mul(-65000f); // exp underflows to 0 as for finfo.min, and float16 holds it
        Activation act = Activation.forName(t.hiddenAct());
        int heads = t.numAttentionHeads();
        float scale = (float) Math.pow(t.headDim(), -0.5);
        for (int i = 0; i < t.numHiddenLayers(); i++) {
            String l = P + "encoder.layer." + i + ".";
            x = TransformerOps.scoped(x, in -> {
                NDArray q = linear(in, p, l + "attention.self.query").mul(scale);
                NDArray k = linear(in, p, l + "attention.self.key");
                NDArray v = linear(in, p, l + "attention.self.value");
                NDArray a = linear(TransformerOps.attend(q, k, v, heads, mask), p, l + "attention.output.dense");
                NDArray mid = TransformerOps.layerNorm(a.add(in), p, l + "attention.output.LayerNorm", eps);
                NDArray h = act.apply(linear(mid, p, l + "intermediate.dense"));
                return TransformerOps.layerNorm(linear(h, p, l + "output.dense").add(mid), p, l + "output.LayerNorm", eps);
            });
        }
        NDArray cls = x.get(new NDIndex(":, 0, :"));
        return TransformerOps.linear(cls, p.get("text_projection.weight"), null);
    }

    private static NDArray linear(NDArray x, Map<String, NDArray> p, String name) {
        return TransformerOps.linear(x, p.get(name + ".weight"), p.get(name + ".bias"));
    }
}
