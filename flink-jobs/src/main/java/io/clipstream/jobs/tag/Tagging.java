package io.clipstream.jobs.tag;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.LabelUpdate;
import io.clipstream.jobs.event.TagResult;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires tagging into a job. Refused images and label updates are on the returned operator's side
 * output {@code DeadLetters.TAG}.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<TagResult> tags = Tagging.tag(encodedImages, labelUpdates, tagOptions, encoderOptions);
 * }</pre>
 */
@PublicEvolving
public final class Tagging {

    public static final String UID = "tag-images";

    private Tagging() {}

    /** Tags with the project's CLIP model encoding the label prompts. */
    public static SingleOutputStreamOperator<TagResult> tag(DataStream<EncodedImage> images,
            DataStream<LabelUpdate> labels, TagOptions options, EncoderOptions encoderOptions) {
        return tag(images, labels, options, encoderOptions, ModelLoader.clipModel());
    }

    /** Tags with the model {@code loader} loads encoding the label prompts. */
    public static SingleOutputStreamOperator<TagResult> tag(DataStream<EncodedImage> images,
            DataStream<LabelUpdate> labels, TagOptions options, EncoderOptions encoderOptions, ModelLoader loader) {
        return images.connect(labels.broadcast(TaggingFunction.LABELS))
                .process(new TaggingFunction(options, encoderOptions, loader), TypeInformation.of(TagResult.class))
                .uid(UID)
                .name(UID);
    }
}
