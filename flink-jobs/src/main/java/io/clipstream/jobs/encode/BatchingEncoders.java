package io.clipstream.jobs.encode;

import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.deadletter.DeadLetters;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the batching encoder into a job. Refused records are on the returned operator's side
 * output {@link DeadLetters#TAG}.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<EncodedImage> images = BatchingEncoders.images(decoded, options);
 * DataStream<DeadLetterEvent> refused = images.getSideOutput(DeadLetters.TAG);
 * }</pre>
 */
@PublicEvolving
public final class BatchingEncoders {

    /** Stable uid and name of the image encoder. */
    public static final String IMAGES_UID = "encode-images";
    /** Stable uid and name of the caption encoder. */
    public static final String CAPTIONS_UID = "encode-captions";

    private BatchingEncoders() {}

    /** Batches and encodes images with the project's CLIP model. */
    public static SingleOutputStreamOperator<EncodedImage> images(DataStream<ImageToEncode> in, EncoderOptions options) {
        return images(in, options, ModelLoader.clipModel());
    }

    /** Batches and encodes images with the model {@code loader} loads. */
    public static SingleOutputStreamOperator<EncodedImage> images(DataStream<ImageToEncode> in, EncoderOptions options,
            ModelLoader loader) {
        return in.transform(IMAGES_UID, TypeInformation.of(EncodedImage.class),
                        new BatchingEncodeOperator<>(options, EncodeStep.images(), loader))
                .uid(IMAGES_UID)
                .name(IMAGES_UID);
    }

    /** Batches and encodes captions with the project's CLIP model. */
    public static SingleOutputStreamOperator<EncodedCaption> captions(DataStream<CaptionToEncode> in,
            EncoderOptions options) {
        return captions(in, options, ModelLoader.clipModel());
    }

    /** Batches and encodes captions with the model {@code loader} loads. */
    public static SingleOutputStreamOperator<EncodedCaption> captions(DataStream<CaptionToEncode> in,
            EncoderOptions options, ModelLoader loader) {
        return in.transform(CAPTIONS_UID, TypeInformation.of(EncodedCaption.class),
                        new BatchingEncodeOperator<>(options, EncodeStep.captions(), loader))
                .uid(CAPTIONS_UID)
                .name(CAPTIONS_UID);
    }
}
