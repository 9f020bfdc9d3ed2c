package io.clipstream.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts read from a {@code model.safetensors} header alone: tensors, parameters and the stored
 * dtypes (buffers such as {@code position_ids} left out).
 *
 * @param tensors how many parameter tensors
 * @param parameters how many values they hold
 * @param dtypes the stored dtypes, sorted
 */
public record WeightsSummary(int tensors, long parameters, Set<String> dtypes) {

    /** Reads the header of {@code safetensors}. */
    public static WeightsSummary of(Path safetensors) {
        int tensors = 0;
        long parameters = 0;
        Set<String> dtypes = new TreeSet<>();
        for (Map.Entry<String, Safetensors.Entry> e : Safetensors.readHeader(safetensors).entrySet()) {
            if (ParameterLayout.isToleratedBuffer(e.getKey())) {
                continue;
            }
            tensors++;
            parameters += e.getValue().shape().size();
            dtypes.add(e.getValue().dtype());
        }
        return new WeightsSummary(tensors, parameters, dtypes);
    }
}
