package io.clipstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AdamW (Loshchilov and Hutter), written out on NDArrays rather than taken from DJL's
 * {@code Adam}: the update is spelled out once here, its state is keyed by parameter name (so a
 * checkpoint can store and restore it), and weight decay is decoupled and applied only to the
 * parameters the caller names.
 *
 * <p>The moments are two flat arrays in the {@link ParameterLayout} of the trainable parameters,
 * and the update is computed on the flat gradient in one pass (a dozen ops), then subtracted from
 * each parameter through a view; only the decay and that subtraction are per parameter.
 *
 * <p>Runs outside a gradient collector (grad mode off), where PyTorch allows in-place updates of
 * parameters. Every temporary is moved onto the step's manager, because an op's result lands on
 * the manager of its receiver and the state arrays live on this optimizer's long-lived manager.
 */
final class AdamW implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final ParameterLayout layout;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Set<String> decayed;
    private NDArray firstMoment;
    private NDArray secondMoment;
    private long steps;

    /**
     * @param params the parameters this optimizer updates, by name (they fix its layout)
     * @param decayed the names of the parameters that take weight decay
     */
    AdamW(NDManager parent, Map<String, NDArray> params, double beta1, double beta2, double epsilon, double weightDecay,
            Set<String> decayed) {
        this.manager = parent.newSubManager();
        this.params = Map.copyOf(params);
        this.layout = ParameterLayout.of(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decayed = Set.copyOf(decayed);
    }

    /** The order in which this optimizer lays out the parameters and their gradients. */
    ParameterLayout layout() {
        return layout;
    }

    /**
     * Applies one update to every parameter with the given learning rate, from
     * their gradients laid out flat in {@link #layout()} order (on the step's manager, float32),
     * scaled by {@code gradScale} (global-norm clipping); the parameters' own gradients are zeroed.
     */
    void step(NDArray flatGradient, double lr, double gradScale, NDManager step) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        NDArray g = gradScale != 1.0 ? flatGradient.mul((float) gradScale) : flatGradient;
        if (firstMoment == null) {
            firstMoment = manager.zeros(g.getShape(), g.getDataType());
            secondMoment = manager.zeros(g.getShape(), g.getDataType());
        }
        firstMoment.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        secondMoment.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
        NDArray denom = movedTo(secondMoment.sqrt(), step).divi((float) Math.sqrt(bc2)).addi((float) epsilon);
        NDArray update = movedTo(firstMoment.div(denom), step).muli((float) (lr / bc1));
        NDList pieces = layout.split(update);
        List<String> names = layout.names();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            NDArray p = params.get(name);
            if (weightDecay > 0 && decayed.contains(name)) {
                p.muli((float) (1 - lr * weightDecay));
            }
            p.subi(pieces.get(i));
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    private static NDArray movedTo(NDArray array, NDManager manager) {
        array.attach(manager);
        return array;
    }

    /** Number of updates applied so far. */
    long stepCount() {
        return steps;
    }

    /** Writes the step count and both moments of every parameter, by name. */
    void save(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        if (firstMoment == null) {
            out.writeInt(0);
            return;
        }
        List<String> names = layout.names();
        try (NDManager m = manager.newSubManager()) {
            NDList first = layout.split(movedTo(firstMoment.duplicate(), m));
            NDList second = layout.split(movedTo(secondMoment.duplicate(), m));
            out.writeInt(names.size());
            for (int i = 0; i < names.size(); i++) {
                out.writeUTF(names.get(i));
                writeArray(out, first.get(i).toFloatArray());
                writeArray(out, second.get(i).toFloatArray());
            }
        }
    }

    /** Restores what {@link #save} wrote; every parameter of the layout must have its moments there. */
    void load(DataInputStream in) throws IOException {
        steps = in.readLong();
        int n = in.readInt();
        Map<String, NDArray> first = new HashMap<>();
        Map<String, NDArray> second = new HashMap<>();
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                NDArray p = params.get(name);
                float[] mean = readArray(in);
                float[] variance = readArray(in);
                if (p == null) {
                    throw new IOException("optimizer state names unknown parameter " + name);
                }
                first.put(name, m.create(mean, p.getShape()));
                second.put(name, m.create(variance, p.getShape()));
            }
            if (n == 0) {
                return;
            }
            for (String name : layout.names()) {
                if (!first.containsKey(name)) {
                    throw new IOException("optimizer state has no moments for parameter " + name);
                }
            }
            firstMoment = movedTo(layout.flatten(first, m), manager);
            secondMoment = movedTo(layout.flatten(second, m), manager);
        }
    }

    /** A float array as its length and values; {@link WeightAverage} stores its state the same way. */
    static void writeArray(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    /** Reads what {@link #writeArray} wrote. */
    static float[] readArray(DataInputStream in) throws IOException {
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
