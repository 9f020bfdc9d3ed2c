package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.model.ModelFolder;
import io.clipstream.model.TokenizerFiles;
import io.clipstream.preprocess.ClipTokenizer;
import io.clipstream.schemas.DeadLetterEvent;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The caption stage before the encoder, as {@link ImagePreparer} is the image stage: tokenises
 * each caption with the model folder's tokenizer (special tokens added, cut to the context length
 * as the model cuts it), so that the encoder's batch carries token ids and its model call runs the
 * network alone.
 *
 * <p>Only the tokenizer is loaded (no weights), once per subtask. A caption without a visible
 * character or with no token at all, and one the tokenizer fails on, leave through
 * {@link DeadLetters#TAG} with stage {@code tokenize}.
 */
@Internal
public final class CaptionPreparer extends ProcessFunction<CaptionToEncode, CaptionToEncode> {
    private static final long serialVersionUID = 1L;

    private final String modelDir;
    private transient ClipTokenizer tokenizer;

    public CaptionPreparer(String modelDir) {
        this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
    }

    @Override
    public void open(OpenContext context) {
        Path dir = Path.of(modelDir);
        tokenizer = TokenizerFiles.load(dir, ModelFolder.readConfig(dir));
    }

    @Override
    public void processElement(CaptionToEncode caption, Context ctx, Collector<CaptionToEncode> out) {
        if (caption.text == null || caption.text.isBlank()) {
            ctx.output(DeadLetters.TAG, refusal(caption, DeadLetterReason.EMPTY_CAPTION, "caption text is empty"));
            return;
        }
        int[] tokens;
        try {
            tokens = toInts(tokenizer.encode(caption.text));
        } catch (RuntimeException e) {
            ctx.output(DeadLetters.TAG, refusal(caption, DeadLetterReason.TOKENIZE_FAILED, String.valueOf(e)));
            return;
        }
        if (tokens.length == 0) {
            ctx.output(DeadLetters.TAG, refusal(caption, DeadLetterReason.EMPTY_CAPTION, "caption has no tokens"));
            return;
        }
        out.collect(caption.withTokens(tokens));
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
            tokenizer = null;
        }
    }

    /** Ids as ints, the record's compact form (the encoder checks each against the vocabulary). */
    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    private static DeadLetterEvent refusal(CaptionToEncode caption, DeadLetterReason reason,
            String message) {
        return DeadLetters.refusal(caption.provenance, Stage.TOKENIZE, reason, caption.id, message);
    }
}
