package io.clipstream.jobs.tag;

import io.clipstream.align.PromptEnsemble;
import io.clipstream.jobs.encode.TokenRows;
import io.clipstream.model.ClipEncoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Label vectors shared by every tagging subtask of a task-manager process. A label update is
 * broadcast to all subtasks; without this cache each would encode the same prompts again. The
 * first subtask encodes, the others wait for and reuse its vector, so a change is encoded once
 * per process.
 */
final class PromptVectors {

    private static final int MAX_ENTRIES = 16_384;

    /** Least recently used first; bounded so a vocabulary that keeps changing cannot grow it without end. */
    private static final Map<String, float[]> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private PromptVectors() {}

    /**
     * The ensemble vector of {@code label} with {@code templates} under {@code model}, encoded at
     * most once from the prompts' token ids (one row per prompt, as the tokenize stage gave them).
     *
     * @throws IllegalArgumentException for a template without a placeholder, or prompts without token ids
     */
    static float[] of(ClipEncoder model, String label, List<String> templates, List<int[]> promptTokens) {
        List<String> prompts = PromptEnsemble.prompts(label, templates);
        if (promptTokens == null || promptTokens.size() != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but "
                    + (promptTokens == null ? 0 : promptTokens.size()) + " with token ids (the tokenize stage tokenises them)");
        }
        String key = model.modelId() + '\u0000' + String.join("\u0000", prompts);
        synchronized (CACHE) {
            float[] vector = CACHE.get(key);
            if (vector == null) {
                vector = PromptEnsemble.meanNormalised(model.encodeTokens(TokenRows.of(promptTokens)));
                CACHE.put(key, vector);
            }
            return vector.clone();
        }
    }
}
