package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.model.ModelFolder;
import io.clipstream.model.TokenizerFiles;
import io.clipstream.preprocess.ClipTokenizer;
import java.nio.file.Path;

/**
 * The model folder's tokenizer as the pipeline's tokenize stages use it, for captions
 * ({@link CaptionPreparer}) and an image's candidate captions ({@link ImagePreparer}) alike: the
 * tokenizer alone (no weights), ids as ints, and the refusal of a text it cannot tokenise.
 */
final class CaptionTokens implements AutoCloseable {
    private final ClipTokenizer tokenizer;

    private CaptionTokens(ClipTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads the tokenizer of the model folder {@code modelDir}, as the model itself loads it. */
    static CaptionTokens load(String modelDir) {
        Path dir = Path.of(modelDir);
        return new CaptionTokens(TokenizerFiles.load(dir, ModelFolder.readConfig(dir)));
    }

    /**
     * The ids of {@code text} as the model's own text path has them: special tokens added, cut to
     * the context length, not padded.
     *
     * @throws Refused for a text without a visible character or without any token, and when the
     *     tokenizer fails
     */
    int[] of(String text) throws Refused {
        if (text == null || text.isBlank()) {
            throw new Refused(DeadLetterReason.EMPTY_CAPTION, "caption text is empty");
        }
        int[] tokens;
        try {
            long[] ids = tokenizer.encode(text);
            tokens = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                // ints: the record's compact form; the encoder checks each id against the vocabulary
                tokens[i] = Math.toIntExact(ids[i]);
            }
        } catch (RuntimeException e) {
            throw new Refused(DeadLetterReason.TOKENIZE_FAILED, String.valueOf(e));
        }
        if (tokens.length == 0) {
            throw new Refused(DeadLetterReason.EMPTY_CAPTION, "caption has no tokens");
        }
        return tokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** A text the tokenize stage refuses, with the dead letter's reason. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final DeadLetterReason reason;

        Refused(DeadLetterReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
