package io.clipstream.jobs.encode;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a batch of captions, tokenised already by the tokenize stage, in one
 * {@code encodeTokens} call: the model pads the rows and runs the network, nothing more.
 */
final class CaptionEncodeStep implements EncodeStep<CaptionToEncode, EncodedCaption> {

    static final String STAGE = "encode-captions";
    private static final long serialVersionUID = 1L;

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public DeadLetterEvent validate(ClipEncoder model, CaptionToEncode caption) {
        if (caption.tokens == null || caption.tokens.length == 0) {
            return DeadLetters.refusal(caption.provenance, Stage.ENCODE, DeadLetterReason.EMPTY_CAPTION, caption.id,
                    "caption has no token ids (captions are tokenised before the encoder)");
        }
        return null;
    }

    @Override
    public List<EncodedCaption> encode(ClipEncoder model, List<CaptionToEncode> batch) {
        List<long[]> tokens = new ArrayList<>(batch.size());
        for (CaptionToEncode caption : batch) {
            tokens.add(TokenRows.of(caption.tokens));
        }
        float[][] vectors = model.encodeTokens(tokens);
        List<EncodedCaption> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(EncodedCaption.of(batch.get(i), vectors[i], model.modelId(), model.scoring()));
        }
        return out;
    }

    @Override
    public DeadLetterEvent failed(CaptionToEncode caption, Exception error) {
        return DeadLetters.refusal(caption.provenance, Stage.ENCODE, DeadLetterReason.ENCODE_FAILED, caption.id,
                String.valueOf(error));
    }

    @Override
    public Timings timings(EncodedCaption output) {
        return output.timings;
    }
}
