package io.clipstream.jobs.sink;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.jobs.embed.Embeddings;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.TagResult;
import io.clipstream.jobs.source.Texts;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The last step before a result sink: turns an operator's result into its output event and
 * measures the record the sink will write, with the sink's own serializer (a cheap upper bound
 * first, {@link CloudEventsSerializer#maxSizeOf}; only a record whose bound passes the limit is
 * encoded to be measured exactly, so the usual record costs a walk, not a second encoding). A record larger than
 * {@code sink.max-record-bytes} leaves as an {@code OUTPUT_TOO_LARGE} dead letter, and a result that
 * cannot be turned into an event at all as {@code OUTPUT_FAILED}, on {@link DeadLetters#TAG}; so
 * the producer never sees a record it would refuse and the job never fails on one.
 *
 * <p>The dead letter carries the origin of the input record where the result has one, else the
 * output value itself, cut to {@code dead-letters.max-original-bytes}.
 */
@Internal
public final class OutputGuard<IN, OUT extends SpecificRecord> extends ProcessFunction<IN, OUT> {
    private static final long serialVersionUID = 1L;

    private final String output;
    private final SerializableFunction<IN, OUT> convert;
    private final CloudEventsSerializer<OUT> serializer;
    private final SerializableFunction<IN, Provenance> provenance;
    private final SerializableFunction<IN, String> describe;
    private final int maxRecordBytes;
    private final int maxOriginalBytes;

    /**
     * @param output the output's name in messages, for example {@code matches}
     * @param provenance where the result's input came from, or null when unknown
     * @param describe names the result in messages (its ids)
     */
    public OutputGuard(String output, SerializableFunction<IN, OUT> convert, CloudEventsSerializer<OUT> serializer,
            SerializableFunction<IN, Provenance> provenance, SerializableFunction<IN, String> describe,
            int maxRecordBytes, int maxOriginalBytes) {
        this.output = output;
        this.convert = convert;
        this.serializer = serializer;
        this.provenance = provenance;
        this.describe = describe;
        this.maxRecordBytes = maxRecordBytes;
        this.maxOriginalBytes = maxOriginalBytes;
    }

    /** Match results to match events; a pair has two inputs, so its dead letter holds the event. */
    public static OutputGuard<MatchResult, MatchEvent> matches(Configuration conf, String job) {
        return new OutputGuard<>("matches", ResultEvents::match, ClipSinks.matchSerializer(conf, job), null,
                m -> "image " + m.imageId + ", caption " + m.captionId, RecordLimits.maxRecordBytes(conf),
                conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES));
    }

    /** Tag results to tag events. */
    public static OutputGuard<TagResult, TagEvent> tags(Configuration conf, String job) {
        return new OutputGuard<>("tags", ResultEvents::tag, ClipSinks.tagSerializer(conf, job), t -> t.provenance,
                t -> "image " + t.imageId, RecordLimits.maxRecordBytes(conf), conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES));
    }

    /** Encoded images to embedding events. */
    public static OutputGuard<EncodedImage, EmbeddingEvent> imageEmbeddings(Configuration conf, String job) {
        return new OutputGuard<>("embeddings", Embeddings::of, ClipSinks.embeddingSerializer(conf, job),
                i -> i.provenance, i -> "image " + i.id, RecordLimits.maxRecordBytes(conf),
                conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES));
    }

    /** Encoded captions to embedding events. */
    public static OutputGuard<EncodedCaption, EmbeddingEvent> captionEmbeddings(Configuration conf, String job) {
        return new OutputGuard<>("embeddings", Embeddings::of, ClipSinks.embeddingSerializer(conf, job),
                c -> c.provenance, c -> "caption " + c.id, RecordLimits.maxRecordBytes(conf),
                conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES));
    }

    @Override
    public void processElement(IN in, Context ctx, Collector<OUT> out) {
        OUT event;
        int size;
        try {
            event = convert.apply(in);
            // the cheap bound settles almost every record; only a large one is encoded to be measured
            size = serializer.maxSizeOf(event) <= maxRecordBytes ? 0 : serializer.sizeOf(event);
        } catch (RuntimeException | StackOverflowError e) {
            ctx.output(DeadLetters.TAG, deadLetter(in, DeadLetterReason.OUTPUT_FAILED,
                    output + " event cannot be written: " + e.getClass().getSimpleName(), null));
            return;
        }
        if (size > maxRecordBytes) {
            ctx.output(DeadLetters.TAG, deadLetter(in, DeadLetterReason.OUTPUT_TOO_LARGE, output + " record of " + size
                    + " bytes exceeds sink.max-record-bytes (" + maxRecordBytes + ")", event));
            return;
        }
        out.collect(event);
    }

    private io.clipstream.schemas.DeadLetterEvent deadLetter(IN in, DeadLetterReason reason, String message, OUT event) {
        Provenance p = null;
        String what = "";
        try {
            p = provenance == null ? null : provenance.apply(in);
            what = Texts.head(describe.apply(in), 300) + ": ";
        } catch (RuntimeException e) {
            // a result too broken to describe still becomes a dead letter
        }
        byte[] fallback = null;
        if (event != null && (p == null || p.original == null)) {
            fallback = serializer.value(event);
        }
        return DeadLetters.of(p, Stage.OUTPUT, reason, what + message, fallback, maxOriginalBytes);
    }
}
