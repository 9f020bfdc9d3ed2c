package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The pre-LayerNorm transformer encoder the CLIP and SigLIP towers share, written as functions over
 * NDArrays. Every op is called on the activation (never on a weight), because DJL attaches an
 * op's result to the manager of its receiver: that keeps every intermediate on the caller's
 * per-call manager and the weights' manager untouched.
 */
final class TransformerOps {

    private TransformerOps() {}

    /** {@code x W^T + b}; {@code bias} may be null. */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }

    /** Layer norm over the last axis. */
    static NDArray layerNorm(NDArray x, Map<String, NDArray> p, String name, double eps) {
        NDArray gamma = p.get(name + ".weight");
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, p.get(name + ".bias"), (float) eps)
                .singletonOrThrow();
    }

    /**
     * Runs {@code layers} encoder layers named {@code prefix + i}: {@code x + attn(ln1(x))} then
     * {@code x + mlp(ln2(x))}. {@code mask} is added to the attention scores (null for none).
     */
    static NDArray encoder(NDArray x, Map<String, NDArray> p, String prefix, int layers, int heads,
                           double eps, Activation activation, NDArray mask) {
        for (int i = 0; i < layers; i++) {
            String layer = prefix + i + ".";
            x = scoped(x, in -> {
                NDArray attn = attention(layerNorm(in, p, layer + "layer_norm1", eps), p, layer + "self_attn.", heads, mask);
                NDArray mid = in.add(attn);
                NDArray h = layerNorm(mid, p, layer + "layer_norm2", eps);
                h = linear(h, p.get(layer + "mlp.fc1.weight"), p.get(layer + "mlp.fc1.bias"));
                h = activation.apply(h);
                h = linear(h, p.get(layer + "mlp.fc2.weight"), p.get(layer + "mlp.fc2.bias"));
                return mid.add(h);
            });
        }
        return x;
    }

    /**
     * Runs one encoder block on a sub-manager of {@code x}'s manager and keeps only its output
     * there: the block's intermediates (for ViT-B/32 at batch 32 about 100 MB a layer) are freed
     * when the block returns instead of living until the whole call ends. The autograd graph
     * holds its own references to what a backward pass needs, so training is unaffected. While an
     * {@link AttentionTap} is installed the block runs unscoped: the tap may keep the arrays it sees.
     */
    static NDArray scoped(NDArray x, UnaryOperator<NDArray> block) {
        if (AttentionTap.installed()) {
            return block.apply(x);
        }
        NDManager outer = x.getManager();
        try (NDManager scope = outer.newSubManager()) {
            x.tempAttach(scope);
            NDArray out = block.apply(x);
            out.attach(outer);
            return out;
        }
    }

    /** Multi-head self-attention with scores scaled by {@code head_dim^-0.5}. */
    static NDArray attention(NDArray x, Map<String, NDArray> p, String prefix, int heads, NDArray mask) {
        long width = x.getShape().get(2);
        long headDim = width / heads;
        float scale = (float) Math.pow(headDim, -0.5);
        NDArray q = linear(x, p.get(prefix + "q_proj.weight"), p.get(prefix + "q_proj.bias")).mul(scale);
        NDArray k = linear(x, p.get(prefix + "k_proj.weight"), p.get(prefix + "k_proj.bias"));
        NDArray v = linear(x, p.get(prefix + "v_proj.weight"), p.get(prefix + "v_proj.bias"));
        NDArray context = attend(q, k, v, heads, mask);
        return linear(context, p.get(prefix + "out_proj.weight"), p.get(prefix + "out_proj.bias"));
    }

    /**
     * Multi-head attention of projected queries {@code [batch, lq, width]} (already scaled by
     * {@code head_dim^-0.5}) over projected keys and values {@code [batch, lk, width]}; returns the
     * merged heads {@code [batch, lq, width]}. {@code mask} is added to the scores (null for none).
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, NDArray mask) {
        Shape shape = q.getShape();
        NDArray scores = splitHeads(q, heads).matMul(splitHeads(k, heads).transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = scores.add(mask);
        }
        return AttentionTap.apply(scores.softmax(-1)).matMul(splitHeads(v, heads)).transpose(0, 2, 1, 3)
                .reshape(shape.get(0), shape.get(1), shape.get(2));
    }

    private static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }
}
