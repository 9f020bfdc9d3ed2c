package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An optional hook on every attention call: while a tap is installed on the current thread, each
 * call hands its attention probabilities {@code [batch, heads, queries, keys]} (after the softmax;
 * {@code queries == keys} in the encoder blocks' self-attention, 1 in SigLIP's attention-pooling
 * probe, which comes last in its vision tower) to the tap and continues with the array the tap
 * returns. Explainability methods use it
 * to record attention maps and their gradients; with no tap installed (always, outside them) the
 * forward pass is unchanged.
 *
 * <pre>{@code
 * try (AttentionTap.Installed t = AttentionTap.install(probs -> { record(probs); return probs; })) {
 *     net.imageFeatures(pixels);
 * }
 * }</pre>
 */
public final class AttentionTap {

    private static final ThreadLocal<UnaryOperator<NDArray>> CURRENT = new ThreadLocal<>();

    /** Removes the tap when closed. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    private AttentionTap() {}

    /** Installs {@code tap} on this thread until the returned handle is closed. */
    public static Installed install(UnaryOperator<NDArray> tap) {
        Objects.requireNonNull(tap, "tap");
        UnaryOperator<NDArray> previous = CURRENT.get();
        CURRENT.set(tap);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Whether a tap is installed on the current thread. */
    static boolean installed() {
        return CURRENT.get() != null;
    }

    /** What an attention block calls with its probabilities. */
    static NDArray apply(NDArray probabilities) {
        UnaryOperator<NDArray> tap = CURRENT.get();
        return tap == null ? probabilities : tap.apply(probabilities);
    }
}
