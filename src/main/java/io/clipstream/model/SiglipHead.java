package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * SigLIP's multi-head attention pooling ({@code SiglipMultiheadAttentionPoolingHead}): a learned
 * probe attends over the tokens through {@code torch.nn.MultiheadAttention} (query, key and value
 * packed in {@code in_proj_weight} / {@code in_proj_bias}), then a residual MLP after a layer norm.
 */
final class SiglipHead {

    private SiglipHead() {}

    /** {@code [batch, width]} pooled from tokens {@code [batch, length, width]}. */
    static NDArray pool(NDArray x, Map<String, NDArray> p, String prefix, int heads, double eps, Activation act) {
        NDManager manager = x.getManager();
        long batch = x.getShape().get(0);
        long width = x.getShape().get(2);
        NDArray packedW = p.get(prefix + "attention.in_proj_weight");
        NDArray packedB = p.get(prefix + "attention.in_proj_bias");
        NDArray[] w = new NDArray[3];
        NDArray[] b = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            NDIndex rows = new NDIndex("{}:{}", i * width, (i + 1) * width);
            w[i] = packedW.get(manager, rows);
            b[i] = packedB.get(manager, rows);
        }
        NDArray probe = manager.zeros(new Shape(batch, 1, width), x.getDataType()).add(p.get(prefix + "probe"));
        float scale = (float) Math.pow(width / heads, -0.5);
        NDArray q = TransformerOps.linear(probe, w[0], b[0]).mul(scale);
        NDArray k = TransformerOps.linear(x, w[1], b[1]);
        NDArray v = TransformerOps.linear(x, w[2], b[2]);
        NDArray h = TransformerOps.attend(q, k, v, heads, null);
        h = TransformerOps.linear(h, p.get(prefix + "attention.out_proj.weight"), p.get(prefix + "attention.out_proj.bias"));
        NDArray m = TransformerOps.layerNorm(h, p, prefix + "layernorm", eps);
        m = TransformerOps.linear(m, p.get(prefix + "mlp.fc1.weight"), p.get(prefix + "mlp.fc1.bias"));
        m = act.apply(m);
        m = TransformerOps.linear(m, p.get(prefix + "mlp.fc2.weight"), p.get(prefix + "mlp.fc2.bias"));
        return h.add(m).reshape(batch, width);
    }
}
