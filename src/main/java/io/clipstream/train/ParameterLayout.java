package io.clipstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The trainable parameters laid end to end in one flat array, the vision tower's first, then the
 * text tower's, then the rest. The optimizer and the gradient norms work on that one array, a
 * dozen ops per step, instead of a dozen ops for each of the model's parameters: a small model's
 * step is made of small ops, and each op costs the same call overhead whatever its size.
 */
final class ParameterLayout {

    private final List<String> names;
    private final Shape[] shapes;
    /** Where each parameter starts in the flat array, with the total size last. */
    private final long[] offsets;
    /** Where each tower ends in the flat array: vision, text, other. */
    private final long[] towerEnds = new long[3];

    private ParameterLayout(List<String> names, Shape[] shapes) {
        this.names = List.copyOf(names);
        this.shapes = shapes;
        this.offsets = new long[shapes.length + 1];
        for (int i = 0; i < shapes.length; i++) {
            offsets[i + 1] = offsets[i] + shapes[i].size();
            towerEnds[TrainingStep.tower(names.get(i))] = offsets[i + 1];
        }
        // a tower without parameters (a frozen one) ends where the one before it does
        for (int t = 1; t < 3; t++) {
            towerEnds[t] = Math.max(towerEnds[t], towerEnds[t - 1]);
        }
    }

    /** The layout of {@code params}, ordered by tower and, within a tower, as {@code params} iterates. */
    static ParameterLayout of(Map<String, NDArray> params) {
        List<String> names = new ArrayList<>(params.keySet());
        names.sort(Comparator.comparingInt(TrainingStep::tower));
        Shape[] shapes = names.stream().map(n -> params.get(n).getShape()).toArray(Shape[]::new);
        return new ParameterLayout(names, shapes);
    }

    /** Parameter names in the flat array's order. */
    List<String> names() {
        return names;
    }

    /** Number of values in the flat array. */
    long size() {
        return offsets[offsets.length - 1];
    }

    /** One flat array (on {@code m}) of the arrays given by parameter name, which must name every parameter. */
    NDArray flatten(Map<String, NDArray> arrays, NDManager m) {
        NDList parts = new NDList(names.size());
        for (String name : names) {
            NDArray a = arrays.get(name);
            if (a == null) {
                throw new IllegalArgumentException("no array for parameter " + name);
            }
            NDArray flat = a.reshape(-1);
            flat.attach(m);
            parts.add(flat);
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
    }

    /** Views of {@code flat}, one per parameter in {@link #names()} order, each in its parameter's shape. */
    NDList split(NDArray flat) {
        NDList pieces = names.size() == 1 ? new NDList(flat) : flat.split(Arrays.copyOfRange(offsets, 1, offsets.length - 1));
        NDList out = new NDList(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            out.add(pieces.get(i).reshape(shapes[i]));
        }
        return out;
    }

    /** The gradient norm of each tower, {@code [vision, text, other]}, from a flat gradient. */
    double[] towerNorms(NDArray flat) {
        double[] out = new double[3];
        long start = 0;
        for (int t = 0; t < 3; t++) {
            long end = towerEnds[t];
            if (end > start) {
                NDArray part = flat.get(start + ":" + end);
                out[t] = Math.sqrt(part.square().sum().getFloat());
            }
            start = end;
        }
        return out;
    }
}
