package io.clipstream.jobs.encode;

import io.clipstream.jobs.record.CaptionToEncode;
import io.clipstream.jobs.record.EncodedCaption;
import io.clipstream.jobs.record.RejectReason;
import io.clipstream.jobs.record.Rejected;
import io.clipstream.jobs.record.Timings;
import io.clipstream.model.ClipEncoder;
import java.util.ArrayList;
import java.util.List;

/** Encodes a batch of captions in one {@code encodeTexts} call. */
final class CaptionEncodeFunction implements EncodeFunction<CaptionToEncode, EncodedCaption> {

    static final String STAGE = "encode-captions";
    private static final long serialVersionUID = 1L;

    @Override
    public String stage() {
        return STAGE;
    }

    @Override
    public Rejected validate(ClipEncoder model, CaptionToEncode caption) {
        if (caption.text == null || caption.text.isBlank()) {
            return new Rejected(STAGE, RejectReason.EMPTY_TEXT, "caption text is empty", caption.id,
                    caption.provenance);
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
    public Rejected failed(CaptionToEncode caption, Exception error) {
        return new Rejected(STAGE, RejectReason.ENCODE_FAILED, String.valueOf(error), caption.id,
                caption.provenance);
    }

    @Override
    public Timings timings(EncodedCaption output) {
        return output.timings;
    }
}
