package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.jobs.record.ImageToEncode;
import io.clipstream.jobs.record.Provenance;
import io.clipstream.jobs.record.Timings;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.PreprocessMode;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.wire.EventCodec;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The image stage: gets the bytes (inline, or fetched by URI), decodes them within the limits
 * (a decompression bomb is refused from its header) and preprocesses them exactly as the model's
 * {@code preprocessor_config.json} says, ready for the batching encoder. Every refusal becomes a
 * dead letter of stage {@code image}.
 *
 * <p>Fetching by URI blocks the task thread: that is this operator's job, and its parallelism
 * can be raised on its own; inline images never wait.
 */
public final class ImagePreparer extends ProcessFunction<Decoded<ImageEvent>, ImageToEncode> {
    private static final long serialVersionUID = 1L;

    private final String modelDir;
    private final ImageLimits limits;
    private final ImageFetch fetch;
    private final String vocabularyAttribute;
    private final int maxOriginalBytes;
    private PreprocessMode mode = PreprocessMode.EXACT;
    private transient ImageDecoder decoder;
    private transient ClipImageProcessor processor;
    private transient EventCodec<ImageEvent> codec;

    public ImagePreparer(String modelDir, ImageLimits limits, ImageFetch fetch, String vocabularyAttribute,
            int maxOriginalBytes) {
        this.modelDir = modelDir;
        this.limits = limits;
        this.fetch = fetch;
        this.vocabularyAttribute = vocabularyAttribute;
        this.maxOriginalBytes = maxOriginalBytes;
    }

    /** Decodes in {@code mode} ({@link PreprocessMode#EXACT} unless set). */
    public ImagePreparer withMode(PreprocessMode mode) {
        this.mode = mode;
        return this;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        decoder = ImageDecoder.create(limits);
        processor = ClipImageProcessor.of(PreprocessorConfig.load(Path.of(modelDir).resolve(PreprocessorConfig.FILE_NAME)));
        codec = EventCodec.of(ImageEvent.class);
    }

    @Override
    public void processElement(Decoded<ImageEvent> in, Context ctx, Collector<ImageToEncode> out) {
        ImageEvent e = in.event;
        float[] pixels;
        try {
            pixels = processor.preprocess(mode.decode(decoder, processor, bytesOf(e)));
        } catch (ImageRejectedException ex) {
            ctx.output(DeadLetters.TAG, deadLetter(in, reasonOf(ex.reason()), ex.getMessage()));
            return;
        } catch (RuntimeException | OutOfMemoryError ex) {
            ctx.output(DeadLetters.TAG, deadLetter(in, DeadLetterReason.IMAGE_CORRUPT, "cannot decode image: " + ex));
            return;
        }
        Timings t = new Timings(e.getEventTime().toEpochMilli(), in.ingestMs);
        t.producedMs = in.producedMs;
        List<String> candidates = new ArrayList<>();
        e.getCandidateCaptions().forEach(c -> candidates.add(c.toString()));
        CharSequence vocabulary = e.getAttributes().get(vocabularyAttribute);
        out.collect(new ImageToEncode(e.getImageId().toString(), e.getKey() == null ? null : e.getKey().toString(),
                pixels, candidates, vocabulary == null ? null : vocabulary.toString(),
                new Provenance(in.topic, in.partition, in.offset), t));
    }

    private byte[] bytesOf(ImageEvent e) {
        Object image = e.getImage();
        if (image instanceof InlineImage inline) {
            ByteBuffer b = inline.getData().duplicate();
            if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
                return b.array(); // the event's own copy, read only: no second copy of the image
            }
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        }
        String uri = ((ImageReference) image).getUri().toString();
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException ex) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_URI, "malformed URI " + uri, ex);
        }
        return fetch.fetch(parsed);
    }

    private io.clipstream.schemas.DeadLetterEvent deadLetter(Decoded<ImageEvent> in, DeadLetterReason reason, String message) {
        return DeadLetters.of(in.topic, in.partition, in.offset,
                in.event.getKey() == null ? null : in.event.getKey().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Stage.IMAGE, reason, "image " + in.event.getImageId() + ": " + message, codec.encode(in.event), maxOriginalBytes);
    }

    static DeadLetterReason reasonOf(ImageRejectedException.Reason r) {
        switch (r) {
            case TOO_LARGE_BYTES: return DeadLetterReason.IMAGE_TOO_LARGE;
            case TOO_MANY_PIXELS: return DeadLetterReason.IMAGE_TOO_MANY_PIXELS;
            case UNSUPPORTED_FORMAT: return DeadLetterReason.IMAGE_UNSUPPORTED_FORMAT;
            case UNSUPPORTED_URI: return DeadLetterReason.UNSUPPORTED_SCHEME;
            case NOT_FOUND:
            case FORBIDDEN:
            case FETCH_FAILED:
            case FETCH_TIMEOUT: return DeadLetterReason.FETCH_FAILED;
            case EMPTY:
            case CORRUPT:
            default: return DeadLetterReason.IMAGE_CORRUPT;
        }
    }
}
