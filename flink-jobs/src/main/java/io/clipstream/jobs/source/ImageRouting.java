package io.clipstream.jobs.source;

import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends inline images straight on to the decoder and images given by reference to the
 * asynchronous fetch (side output {@link #REFERENCES}), so an inline image never waits for one.
 */
@Internal
public final class ImageRouting extends ProcessFunction<Decoded<ImageEvent>, FetchedImage> {
    private static final long serialVersionUID = 1L;

    /** Images that must be fetched. */
    public static final OutputTag<Decoded<ImageEvent>> REFERENCES =
            new OutputTag<>("image-references", Decoded.typeInfo(ImageEvent.class));

    @Override
    public void processElement(Decoded<ImageEvent> in, Context ctx, Collector<FetchedImage> out) {
        if (in.event.getImage() instanceof InlineImage) {
            out.collect(FetchedImage.inline(in));
        } else {
            ctx.output(REFERENCES, in);
        }
    }
}
