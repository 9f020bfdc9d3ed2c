package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;

/**
 * An independent CLIP forward pass in plain Java doubles, written from the transformers definition
 * loop by loop, to check the NDArray implementation against.
 */
final class ReferenceClip {
    private final ClipConfig config;
    private final Map<String, double[]> p = new HashMap<>();

    ReferenceClip(ClipConfig config, Map<String, NDArray> parameters) {
        this.config = config;
        parameters.forEach((name, array) -> {
            float[] f = array.toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            p.put(name, d);
        });
    }

    /** Projected text features of one row of ids, pooled at {@code poolAt}. */
    double[] text(long[] ids, int poolAt) {
        ClipTextConfig t = config.text();
        int d = t.hiddenSize();
        double[][] x = new double[ids.length][d];
        double[] tok = p.get("text_model.embeddings.token_embedding.weight");
        double[] pos = p.get("text_model.embeddings.position_embedding.weight");
        for (int l = 0; l < ids.length; l++) {
            for (int j = 0; j < d; j++) {
                x[l][j] = tok[(int) ids[l] * d + j] + pos[l * d + j];
            }
        }
        x = encoder(x, "text_model.encoder.layers.", t.numHiddenLayers(), t.numAttentionHeads(), t.layerNormEps(), t.hiddenAct(), true);
        x = layerNorm(x, "text_model.final_layer_norm", t.layerNormEps());
        return linear(new double[][] {x[poolAt]}, "text_projection.weight", null)[0];
    }

    /** Projected image features of one channel-first image. */
    double[] image(float[] pixels) {
        ClipVisionConfig v = config.vision();
        int d = v.hiddenSize();
        int s = v.imageSize();
        int ps = v.patchSize();
        int grid = v.gridSize();
        double[] conv = p.get("vision_model.embeddings.patch_embedding.weight");
        double[] pos = p.get("vision_model.embeddings.position_embedding.weight");
        double[] cls = p.get("vision_model.embeddings.class_embedding");
        double[][] x = new double[grid * grid + 1][d];
        for (int j = 0; j < d; j++) {
            x[0][j] = cls[j] + pos[j];
        }
        for (int gy = 0; gy < grid; gy++) {
            for (int gx = 0; gx < grid; gx++) {
                int token = 1 + gy * grid + gx;
                for (int o = 0; o < d; o++) {
                    double sum = 0;
                    for (int c = 0; c < v.numChannels(); c++) {
                        for (int ky = 0; ky < ps; ky++) {
                            for (int kx = 0; kx < ps; kx++) {
                                double w = conv[((o * v.numChannels() + c) * ps + ky) * ps + kx];
                                sum += w * pixels[(c * s + gy * ps + ky) * s + gx * ps + kx];
                            }
                        }
                    }
                    x[token][o] = sum + pos[token * d + o];
                }
            }
        }
        x = layerNorm(x, "vision_model.pre_layrnorm", v.layerNormEps());
        x = encoder(x, "vision_model.encoder.layers.", v.numHiddenLayers(), v.numAttentionHeads(), v.layerNormEps(), v.hiddenAct(), false);
        double[][] pooled = layerNorm(new double[][] {x[0]}, "vision_model.post_layernorm", v.layerNormEps());
        return linear(pooled, "visual_projection.weight", null)[0];
    }

    private double[][] encoder(double[][] x, String prefix, int layers, int heads, double eps, String act, boolean causal) {
        for (int i = 0; i < layers; i++) {
            String l = prefix + i + ".";
            double[][] a = attention(layerNorm(x, l + "layer_norm1", eps), l + "self_attn.", heads, causal);
            x = add(x, a);
            double[][] h = linear(layerNorm(x, l + "layer_norm2", eps), l + "mlp.fc1.weight", l + "mlp.fc1.bias");
            for (double[] row : h) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = activation(act, row[j]);
                }
            }
            x = add(x, linear(h, l + "mlp.fc2.weight", l + "mlp.fc2.bias"));
        }
        return x;
    }

    private double[][] attention(double[][] x, String prefix, int heads, boolean causal) {
        int n = x.length;
        int d = x[0].length;
        int hd = d / heads;
        double scale = 1.0 / Math.sqrt(hd);
        double[][] q = linear(x, prefix + "q_proj.weight", prefix + "q_proj.bias");
        double[][] k = linear(x, prefix + "k_proj.weight", prefix + "k_proj.bias");
        double[][] v = linear(x, prefix + "v_proj.weight", prefix + "v_proj.bias");
        double[][] ctx = new double[n][d];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < n; i++) {
                double[] w = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                int visible = causal ? i + 1 : n;
                for (int j = 0; j < visible; j++) {
                    double dot = 0;
                    for (int c = 0; c < hd; c++) {
                        dot += q[i][h * hd + c] * k[j][h * hd + c];
                    }
                    w[j] = dot * scale;
                    max = Math.max(max, w[j]);
                }
                double z = 0;
                for (int j = 0; j < visible; j++) {
                    w[j] = Math.exp(w[j] - max);
                    z += w[j];
                }
                for (int j = 0; j < visible; j++) {
                    for (int c = 0; c < hd; c++) {
                        ctx[i][h * hd + c] += w[j] / z * v[j][h * hd + c];
                    }
                }
            }
        }
        return linear(ctx, prefix + "out_proj.weight", prefix + "out_proj.bias");
    }

    private double[][] linear(double[][] x, String weight, String bias) {
        double[] w = p.get(weight);
        double[] b = bias == null ? null : p.get(bias);
        int in = x[0].length;
        int out = w.length / in;
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < out; o++) {
                double sum = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    sum += w[o * in + i] * x[r][i];
                }
                y[r][o] = sum;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String name, double eps) {
        double[] g = p.get(name + ".weight");
        double[] b = p.get(name + ".bias");
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int d = x[r].length;
            double mean = 0;
            for (double v : x[r]) {
                mean += v;
            }
            mean /= d;
            double var = 0;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean);
            }
            var /= d;
            y[r] = new double[d];
            for (int j = 0; j < d; j++) {
                y[r][j] = (x[r][j] - mean) / Math.sqrt(var + eps) * g[j] + b[j];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < a[0].length; j++) {
                y[r][j] = a[r][j] + b[r][j];
            }
        }
        return y;
    }

    static double activation(String name, double x) {
        switch (name) {
            case "quick_gelu":
                return x / (1 + Math.exp(-1.702 * x));
            case "gelu":
                return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case "gelu_new":
                return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** erf by its Maclaurin series (converges fast for the small activations of these tests). */
    static double erf(double x) {
        if (Math.abs(x) > 4) {
            return Math.signum(x);
        }
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
