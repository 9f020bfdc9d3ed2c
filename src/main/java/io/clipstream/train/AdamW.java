package io.clipstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW (Loshchilov and Hutter), written out on NDArrays rather than taken from DJL's
 * {@code Adam}: the update is spelled out once here, its state is keyed by parameter name (so a
 * checkpoint can store and restore it), and weight decay is decoupled and applied only to the
 * parameters the caller names.
 *
 * <p>Runs outside a gradient collector (grad mode off), where PyTorch allows in-place updates of
 * parameters. Every temporary is moved onto the step's manager, because an op's result lands on
 * the manager of its receiver and the state arrays live on this optimizer's long-lived manager.
 */
final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Set<String> decayed;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private long steps;

    AdamW(NDManager parent, double beta1, double beta2, double epsilon, double weightDecay, Set<String> decayed) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = Set.copyOf(decayed);
    }

    /**
     * Applies one update to every parameter in {@code params} with the given learning rate; the
     * gradients are scaled by {@code gradScale} (global-norm clipping) and zeroed afterwards.
     */
    void step(Map<String, NDArray> params, double lr, double gradScale, NDManager step) {
        step(params, null, lr, gradScale, step);
    }

    /**
     * Like {@link #step(Map, double, double, NDManager)} with the gradients given by name (on the
     * step's manager, in the parameters' type) instead of read from the parameters; null reads them.
     */
    void step(Map<String, NDArray> params, Map<String, NDArray> gradients, double lr, double gradScale, NDManager step) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String name = e.getKey();
            NDArray p = e.getValue();
            NDArray g = gradients != null ? gradients.get(name) : onStep(p.getGradient(), step);
            if (gradScale != 1.0) {
                g = g.mul((float) gradScale);
            }
            NDArray m = firstMoment.computeIfAbsent(name, k -> manager.zeros(p.getShape(), p.getDataType()));
            NDArray v = secondMoment.computeIfAbsent(name, k -> manager.zeros(p.getShape(), p.getDataType()));
            m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            NDArray denom = onStep(v.sqrt(), step).divi((float) Math.sqrt(bc2)).addi((float) epsilon);
            NDArray update = onStep(m.div(denom), step).muli((float) (lr / bc1));
            if (weightDecay > 0 && decayed.contains(name)) {
                p.muli((float) (1 - lr * weightDecay));
            }
            p.subi(update);
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** The square root of the sum of squared gradients over {@code params}. */
    static double gradientNorm(Map<String, NDArray> params, NDManager step) {
        double sum = 0;
        for (NDArray p : params.values()) {
            NDArray g = onStep(p.getGradient(), step);
            sum += g.square().sum().getFloat();
        }
        return Math.sqrt(sum);
    }

    private static NDArray onStep(NDArray array, NDManager step) {
        array.attach(step);
        return array;
    }

    /** Number of updates applied so far. */
    long stepCount() {
        return steps;
    }

    /** Writes the step count and both moments of every parameter. */
    void save(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        out.writeInt(firstMoment.size());
        for (String name : firstMoment.keySet()) {
            out.writeUTF(name);
            writeArray(out, firstMoment.get(name).toFloatArray());
            writeArray(out, secondMoment.get(name).toFloatArray());
        }
    }

    /** Restores what {@link #save} wrote; moments take the shapes of {@code params}. */
    void load(DataInputStream in, Map<String, NDArray> params) throws IOException {
        steps = in.readLong();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            NDArray p = params.get(name);
            float[] m = readArray(in);
            float[] v = readArray(in);
            if (p == null) {
                throw new IOException("optimizer state names unknown parameter " + name);
            }
            firstMoment.put(name, manager.create(m, p.getShape()));
            secondMoment.put(name, manager.create(v, p.getShape()));
        }
    }

    private static void writeArray(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] readArray(DataInputStream in) throws IOException {
        float[] a = new float[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
