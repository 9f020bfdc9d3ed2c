package io.clipstream.jobs.source;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/**
 * A stage that tokenises texts with the model folder's tokenizer ({@link CaptionTokens}), loaded
 * when the subtask opens and closed with it.
 */
abstract class TokenizingFunction<IN, OUT> extends ProcessFunction<IN, OUT> {
    private static final long serialVersionUID = 1L;

    private final String modelDir;
    /** The tokenizer, from {@link #open} to {@link #close}. */
    transient CaptionTokens tokens;

    TokenizingFunction(String modelDir) {
        this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    }

    /** The model folder the tokenizer comes from. */
    final String modelDir() {
        return modelDir;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        tokens = CaptionTokens.load(modelDir);
    }

    @Override
    public void close() throws Exception {
        if (tokens != null) {
            tokens.close();
            tokens = null;
        }
    }
}
