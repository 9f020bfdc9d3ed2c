package io.clipstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of the trainable weights (Polyak averaging): after every applied
 * update {@code average = decay * average + (1 - decay) * weights}, kept as one flat array in the
 * {@link ParameterLayout} of the parameters, so an update is three ops whatever the model's size.
 * With {@code decay} d the average spans about the last {@code 1 / (1 - d)} updates.
 *
 * <p>The trained weights stay what the optimizer updates; {@link #swap} puts the average in their
 * place (for an evaluation or for writing the model) and back again. Like {@link AdamW} it runs
 * outside a gradient collector, and its temporaries go on the caller's manager.
 */
final class WeightAverage implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final ParameterLayout layout;
    private final double decay;
    private NDArray average;
    /** The trained weights while the average stands in for them, else null. */
    private NDArray trained;

    /** @param decay the weight of the old average at each update, in [0, 1) */
    WeightAverage(NDManager parent, Map<String, NDArray> params, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must lie in [0, 1), got " + decay);
        }
        this.manager = parent.newSubManager();
        this.params = Map.copyOf(params);
        this.layout = ParameterLayout.of(params);
        this.decay = decay;
    }

    /** Folds the current weights into the average; the first call starts it at them. */
    void update(NDManager step) {
        if (trained != null) {
            throw new IllegalStateException("the average stands in for the weights; swap them back before updating");
        }
        NDArray flat = layout.flatten(params, step);
        if (average == null) {
            average = flat.duplicate();
            average.attach(manager);
            return;
        }
        average.muli((float) decay).addi(flat.mul((float) (1 - decay)));
    }

    /** True once the average holds at least one update. */
    boolean started() {
        return average != null;
    }

    /**
     * Puts the average in place of the trained weights, or the trained weights back if the average
     * stands in for them. Both ways copy into the parameters' own arrays, so every holder of a
     * parameter sees the swap.
     */
    void swap() {
        if (average == null) {
            throw new IllegalStateException("the weight average has no update yet");
        }
        NDArray source;
        if (trained == null) {
            try (NDManager m = manager.newSubManager()) {
                // a copy: with one parameter the flat array would be a view of it
                trained = layout.flatten(params, m).duplicate();
                trained.attach(manager);
            }
            source = average;
        } else {
            source = trained;
        }
        try (NDManager m = manager.newSubManager()) {
            // the views land on the manager of the array they view: an alias on m keeps them off this one
            NDArray alias = source.reshape(source.getShape());
            alias.attach(m);
            NDList pieces = layout.split(alias);
            List<String> names = layout.names();
            for (int i = 0; i < names.size(); i++) {
                params.get(names.get(i)).set(new NDIndex("..."), pieces.get(i));
            }
        }
        if (source == trained) {
            trained.close();
            trained = null;
        }
    }

    /**
     * Runs {@code action} with the average in place of the trained weights and puts them back
     * afterwards, also when it throws.
     */
    <T, E extends Exception> T withAverage(ThrowingSupplier<T, E> action) throws E {
        swap();
        try {
            return action.get();
        } finally {
            swap();
        }
    }

    /** What {@link #withAverage} runs. */
    @FunctionalInterface
    interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }

    /** True while the average stands in for the trained weights. */
    boolean swapped() {
        return trained != null;
    }

    /** Writes the average by parameter name (nothing but a 0 if it has not started). */
    void save(DataOutputStream out) throws IOException {
        if (average == null) {
            out.writeInt(0);
            return;
        }
        List<String> names = layout.names();
        out.writeInt(names.size());
        try (NDManager m = manager.newSubManager()) {
            NDArray copy = average.duplicate();
            copy.attach(m);
            NDList pieces = layout.split(copy);
            for (int i = 0; i < names.size(); i++) {
                out.writeUTF(names.get(i));
                AdamW.writeArray(out, pieces.get(i).toFloatArray());
            }
        }
    }

    /** Restores what {@link #save} wrote; every parameter of the layout must be there, in its size. */
    void load(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            average = null;
            return;
        }
        Map<String, NDArray> read = new HashMap<>();
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                float[] values = AdamW.readArray(in);
                NDArray p = params.get(name);
                if (p == null) {
                    throw new IOException("weight average names unknown parameter " + name);
                }
                if (values.length != p.getShape().size()) {
                    throw new IOException("weight average of " + name + " has " + values.length + " values, the parameter "
                            + p.getShape().size());
                }
                read.put(name, m.create(values, p.getShape()));
            }
            for (String name : layout.names()) {
                if (!read.containsKey(name)) {
                    throw new IOException("weight average has no values for parameter " + name);
                }
            }
            average = layout.flatten(read, m).duplicate();
            average.attach(manager);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
