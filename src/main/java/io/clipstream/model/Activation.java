package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The MLP activations a CLIP config may name in {@code hidden_act}, computed as transformers does.
 * Each result lands on the manager of its input, so a per-call manager collects it.
 */
public enum Activation {
    /** {@code x * sigmoid(1.702 x)}: the openai checkpoints. */
    QUICK_GELU("quick_gelu"),
    /** Exact GELU with the error function. */
    GELU("gelu"),
    /** The tanh approximation of GELU (transformers' {@code gelu_new}). */
    GELU_NEW("gelu_new"),
    /** The same tanh approximation under PyTorch's name. */
    GELU_PYTORCH_TANH("gelu_pytorch_tanh"),
    /** {@code max(0, x)}. */
    RELU("relu");

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);

    private final String configName;

    Activation(String configName) {
        this.configName = configName;
    }

    /** The name {@code config.json} uses. */
    public String configName() {
        return configName;
    }

    /** Looks an activation up by its config name; an unknown name fails with the supported list. */
    public static Activation forName(String name) {
        for (Activation a : values()) {
            if (a.configName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new ModelLoadException("Unsupported activation hidden_act='" + name + "'; supported: "
                + Arrays.stream(values()).map(Activation::configName).collect(Collectors.joining(", ")));
    }

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        switch (this) {
            case QUICK_GELU:
                return x.mul(ai.djl.nn.Activation.sigmoid(x.mul(1.702f)));
            case GELU:
                return x.mul(x.mul((float) INV_SQRT_2).erf().add(1f)).mul(0.5f);
            case GELU_NEW:
            case GELU_PYTORCH_TANH:
                NDArray inner = x.add(x.pow(3f).mul(0.044715f)).mul((float) SQRT_2_OVER_PI);
                return x.mul(inner.tanh().add(1f)).mul(0.5f);
            case RELU:
                return x.maximum(0f);
            default:
                throw new IllegalStateException(name());
        }
    }
}
