package io.clipstream.jobs.source;

import org.apache.flink.annotation.Internal;
import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.event.Timings;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.JpegDecoder;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.PreprocessMode;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.wire.EventCodec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;

/**
 * The image stage after the fetch: takes the bytes (inline, or fetched by {@link ImageFetchFunction}),
 * decodes them within the limits (a decompression bomb is refused from its header) and
 * preprocesses them exactly as the model's {@code preprocessor_config.json} says, ready for the
 * batching encoder; the image's candidate captions, if any, are tokenised here too (the tokenizer
 * alone, as {@link CaptionPreparer} tokenises captions). Refusals of the fetch arrive here as dead
 * letters and leave with the decoder's own, of stage {@code image}; a candidate caption the
 * tokenizer refuses makes a dead letter of stage {@code tokenize}.
 *
 * <p>CPU-bound and synchronous; fetching, the part that waits, happens before it in an operator
 * of its own.
 */
@Internal
public final class ImagePreparer extends TokenizingFunction<FetchedImage, ImageToEncode> {
    private static final long serialVersionUID = 1L;

    private final ImageLimits limits;
    private final String vocabularyAttribute;
    private final int maxOriginalBytes;
    private PreprocessMode mode = PreprocessMode.EXACT;
    private JpegDecoder jpegDecoder = JpegDecoder.AUTO;
    private transient ImageDecoder decoder;
    private transient ClipImageProcessor processor;
    private transient EventCodec<ImageEvent> codec;

    public ImagePreparer(String modelDir, ImageLimits limits, String vocabularyAttribute, int maxOriginalBytes) {
        super(modelDir);
        this.limits = limits;
        this.vocabularyAttribute = vocabularyAttribute;
        this.maxOriginalBytes = maxOriginalBytes;
    }

    /** Decodes in {@code mode} ({@link PreprocessMode#EXACT} unless set). */
    public ImagePreparer withMode(PreprocessMode mode) {
        this.mode = mode;
        return this;
    }

    /** Decodes JPEGs with {@code jpegDecoder} ({@link JpegDecoder#AUTO} unless set). */
    public ImagePreparer withJpegDecoder(JpegDecoder jpegDecoder) {
        this.jpegDecoder = jpegDecoder;
        return this;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        decoder = ImageDecoder.create(limits, jpegDecoder);
        // loads the library now: TURBOJPEG without it fails the task here, not every image later
        decoder.jpegDecoder();
        processor = ClipImageProcessor.of(PreprocessorConfig.load(Path.of(modelDir()).resolve(PreprocessorConfig.FILE_NAME)));
        codec = EventCodec.of(ImageEvent.class);
    }

    @Override
    public void processElement(FetchedImage fetched, Context ctx, Collector<ImageToEncode> out) {
        if (fetched.deadLetter != null) {
            ctx.output(DeadLetters.TAG, fetched.deadLetter);
            return;
        }
        Decoded<ImageEvent> in = fetched.image;
        ImageEvent e = in.event;
        float[] pixels;
        try {
            pixels = processor.preprocess(mode.decode(decoder, processor,
                    fetched.bytes != null ? fetched.bytes : inlineBytes(e)));
        } catch (ImageRejectedException ex) {
            ctx.output(DeadLetters.TAG, deadLetter(in, ImageDeadLetters.reasonOf(ex.reason()), ex.getMessage()));
            return;
        } catch (RuntimeException | OutOfMemoryError ex) {
            // only the type: a decoder's message may quote the bytes it choked on
            ctx.output(DeadLetters.TAG, deadLetter(in, DeadLetterReason.IMAGE_CORRUPT,
                    "cannot decode image (" + ex.getClass().getSimpleName() + ")"));
            return;
        }
        Timings t = new Timings(e.getEventTime().toEpochMilli(), in.ingestMs);
        t.producedMs = in.producedMs;
        List<String> candidates = new ArrayList<>();
        e.getCandidateCaptions().forEach(c -> candidates.add(c.toString()));
        List<int[]> candidateTokens = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            try {
                candidateTokens.add(tokens.of(candidates.get(i)));
            } catch (CaptionTokens.Refused refused) {
                ctx.output(DeadLetters.TAG, ImageDeadLetters.candidate(in, i, refused, codec, maxOriginalBytes));
                return;
            }
        }
        CharSequence vocabulary = e.getAttributes().get(vocabularyAttribute);
        ImageToEncode image = new ImageToEncode(e.getImageId().toString(), e.getKey() == null ? null : e.getKey().toString(),
                pixels, candidates, vocabulary == null ? null : vocabulary.toString(),
                in.provenance(), t);
        image.candidateTokens = candidateTokens;
        out.collect(image);
    }

    private static byte[] inlineBytes(ImageEvent e) {
        ByteBuffer b = ((InlineImage) e.getImage()).getData().duplicate();
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array(); // the event's own copy, read only: no second copy of the image
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private DeadLetterEvent deadLetter(Decoded<ImageEvent> in, DeadLetterReason reason, String message) {
        return ImageDeadLetters.of(in, reason, message, codec, maxOriginalBytes);
    }
}
