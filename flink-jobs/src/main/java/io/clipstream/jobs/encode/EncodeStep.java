package io.clipstream.jobs.encode;

import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import io.clipstream.schemas.DeadLetterEvent;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * What the encoder does with one modality: checks a record, encodes a batch of them in one model
 * call and refuses a record it cannot encode. The operators stay generic in the record types.
 */
@Internal
public interface EncodeStep<IN, OUT> extends Serializable {

    /** The name of this modality's encoder operator, e.g. {@code encode-images}. */
    String stage();

    /** The dead letter (stage {@code encode}) when {@code record} can never be encoded by {@code model}, else {@code null}. */
    DeadLetterEvent validate(ClipEncoder model, IN record);

    /** Encodes {@code batch} in one model call per modality; one output per input, same order. */
    List<OUT> encode(ClipEncoder model, List<IN> batch);

    /** The refusal of a record whose encoding failed with {@code error}. */
    DeadLetterEvent failed(IN record, Exception error);

    /** The timings of an output, which the operator completes. */
    Timings timings(OUT output);

    /** Encodes images (with their candidate captions, if any). */
    static EncodeStep<ImageToEncode, EncodedImage> images() {
        return new ImageEncodeStep();
    }

    /** Encodes captions. */
    static EncodeStep<CaptionToEncode, EncodedCaption> captions() {
        return new CaptionEncodeStep();
    }
}
