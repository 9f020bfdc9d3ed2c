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

/** Encodes a batch of captions in one {@code encodeTexts} call. */
final class CaptionEncodeStep implements EncodeStep<CaptionToEncode, EncodedCaption> {

    static final String STAGE = "encode-captions";
    private static final long serialVersionUID = 1L;

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public DeadLetterEvent validate(ClipEncoder model, CaptionToEncode caption) {
        if (caption.text == null || caption.text.isBlank()) {
            return DeadLetters.refusal(caption.provenance, Stage.ENCODE, DeadLetterReason.EMPTY_CAPTION, caption.id,
                    "caption text is empty");
        }
        return null;
    }

    @Override
    public List<EncodedCaption> encode(ClipEncoder model, List<CaptionToEncode> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (CaptionToEncode caption : batch) {
            texts.add(caption.text);
        }
        float[][] vectors = model.encodeTexts(texts);
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
