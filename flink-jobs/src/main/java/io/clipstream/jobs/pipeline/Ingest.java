package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.encode.BatchingEncoders;
import io.clipstream.jobs.encode.EncodeStep;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.encode.PerRecordEncodeFunction;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.HandOffTypeInfo;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.event.LabelUpdate;
import io.clipstream.jobs.source.CaptionPreparer;
import io.clipstream.jobs.source.Decoded;
import io.clipstream.jobs.source.FetchedImage;
import io.clipstream.jobs.source.ImageFetch;
import io.clipstream.jobs.source.ImageFetchFunction;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.jobs.source.ImagePreparer;
import io.clipstream.jobs.source.LabelPreparer;
import io.clipstream.jobs.source.InputRecords;
import io.clipstream.jobs.source.SplitDeadLetters;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.LabelEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/** The front of every job: read, validate, prepare and encode, dead letters collected on the way. */
final class Ingest {
    /** Name and uid of the caption tokenizer. */
    static final String TOKENIZE_CAPTIONS = "tokenize-captions";
    /** Name and uid of the label prompts' tokenizer. */
    static final String TOKENIZE_LABELS = "tokenize-labels";
    private static final Duration FETCH_TIMEOUT_MARGIN = Duration.ofSeconds(2);

    private final StreamExecutionEnvironment env;
    private final Configuration conf;
    private final DeadLetterStreams deadLetters;
    private final EncoderOptions encoder;
    private final ModelLoader loader;

    Ingest(StreamExecutionEnvironment env, Configuration conf, DeadLetterStreams deadLetters, ModelLoader loader) {
        this.env = env;
        this.conf = conf;
        this.deadLetters = deadLetters;
        this.encoder = EncoderOptions.fromConfiguration(conf);
        this.loader = loader;
    }

    /**
     * Every image goes through one chain: {@code fetch-images} (async, unordered: an inline image
     * is completed at once, a referenced one fetched, so one slow URL delays only itself), then
     * {@code prepare-images}, then the encoder. Each operator has a single input, so Flink chains
     * them and an inline image crosses no serialized channel on its way to the model.
     */
    DataStream<ImageToEncode> images(Source<Decoded<ImageEvent>, ?, ?> source) {
        SingleOutputStreamOperator<Decoded<ImageEvent>> valid = read(source, ImageEvent.class, "images");
        int encoders = env.getParallelism();
        int preparers = preprocessParallelism(conf, encoders);
        // fetch and prepare run at their own parallelism, records going forward subtask to subtask
        // between them; they are spread round-robin into that stage and out of it when its
        // parallelism is not the job's, and chained to the validator and the encoder when it is
        DataStream<Decoded<ImageEvent>> toFetch = preparers == encoders ? valid : valid.rebalance();
        FetchOptions fetch = ImageOptions.fetchOptions(conf);
        // the fetcher enforces fetch.timeout itself; the operator's timeout is the backstop. The
        // capacity bounds inline images too, but one holds its slot only until the task thread
        // emits it (the next thing the task does), so the fetches keep all the others
        Duration timeout = fetch.timeout().plus(FETCH_TIMEOUT_MARGIN);
        DataStream<FetchedImage> fetched = AsyncDataStream.unorderedWait(toFetch,
                        new ImageFetchFunction(ImageFetch.standard(fetch), fetch.capacity(), timeout,
                                conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES)),
                        timeout.toMillis(), TimeUnit.MILLISECONDS, fetch.capacity())
                .name("fetch-images").uid("fetch-images").setParallelism(preparers);
        ImageLimits limits = ImageLimits.builder().optMaxBytes(conf.get(ImageOptions.MAX_BYTES))
                .optMaxPixels(conf.get(ImageOptions.MAX_PIXELS)).build();
        SingleOutputStreamOperator<ImageToEncode> prepared = fetched
                .process(new ImagePreparer(encoder.modelDir(), limits, conf.get(ImageOptions.VOCABULARY_ATTRIBUTE),
                        conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES)).withMode(conf.get(ImageOptions.PREPROCESS_MODE))
                        .withJpegDecoder(conf.get(ImageOptions.PREPROCESS_JPEG_DECODER)),
                        new HandOffTypeInfo<>(TypeInformation.of(ImageToEncode.class)))
                .name("prepare-images").uid("prepare-images").setParallelism(preparers);
        // the fetch's results and the prepared pixels are handed off, not copied, to the next
        // operator of the chain: nothing keeps or changes them once emitted
        deadLetters.add(prepared.getSideOutput(DeadLetters.TAG));
        return preparers == encoders ? prepared : prepared.rebalance();
    }

    /**
     * {@link ImageOptions#PREPROCESS_PARALLELISM}, else {@code jobParallelism} (which may be
     * Flink's "default" marker, -1, on an environment that leaves it to the cluster).
     */
    static int preprocessParallelism(Configuration conf, int jobParallelism) {
        if (!conf.contains(ImageOptions.PREPROCESS_PARALLELISM)) {
            return jobParallelism;
        }
        int n = conf.get(ImageOptions.PREPROCESS_PARALLELISM);
        if (n < 1) {
            throw new IllegalArgumentException(ImageOptions.PREPROCESS_PARALLELISM.key() + " must be at least 1, not " + n);
        }
        return n;
    }

    /**
     * Captions tokenised in a stage of their own, chained to the encoder (the same parallelism,
     * records going forward): token ids reach the batch without a serialized hop.
     */
    DataStream<CaptionToEncode> captions(Source<Decoded<CaptionEvent>, ?, ?> source) {
        return tokenize(read(source, CaptionEvent.class, "captions").map(InputRecords::caption)
                        .returns(TypeInformation.of(CaptionToEncode.class)).name("to-captions").uid("to-captions"),
                new CaptionPreparer(encoder.modelDir()), CaptionToEncode.class, TOKENIZE_CAPTIONS);
    }

    /** Label updates with their prompts tokenised, before they are broadcast to the taggers. */
    DataStream<LabelUpdate> labels(Source<Decoded<LabelEvent>, ?, ?> source) {
        return tokenize(read(source, LabelEvent.class, "labels").map(InputRecords::label)
                        .returns(TypeInformation.of(LabelUpdate.class)).name("to-labels").uid("to-labels"),
                new LabelPreparer(encoder.modelDir()), LabelUpdate.class, TOKENIZE_LABELS);
    }

    /** {@code in} through the tokenize stage {@code stage} (operator {@code uid}), its refusals collected. */
    private <T> DataStream<T> tokenize(DataStream<T> in, ProcessFunction<T, T> stage, Class<T> type, String uid) {
        SingleOutputStreamOperator<T> out = in.process(stage, TypeInformation.of(type)).name(uid).uid(uid);
        deadLetters.add(out.getSideOutput(DeadLetters.TAG));
        return out;
    }

    DataStream<EncodedImage> encodeImages(DataStream<ImageToEncode> images) {
        SingleOutputStreamOperator<EncodedImage> out;
        if (conf.get(JobOptions.ENCODER_MODE) == JobOptions.EncoderMode.PER_RECORD) {
            out = images.process(new PerRecordEncodeFunction<>(encoder, EncodeStep.images(), loader),
                    TypeInformation.of(EncodedImage.class)).name("encode-images-per-record").uid("encode-images-per-record");
        } else {
            out = BatchingEncoders.images(images, encoder, loader);
        }
        deadLetters.add(out.getSideOutput(DeadLetters.TAG));
        return out;
    }

    DataStream<EncodedCaption> encodeCaptions(DataStream<CaptionToEncode> captions) {
        SingleOutputStreamOperator<EncodedCaption> out;
        if (conf.get(JobOptions.ENCODER_MODE) == JobOptions.EncoderMode.PER_RECORD) {
            out = captions.process(new PerRecordEncodeFunction<>(encoder, EncodeStep.captions(), loader),
                    TypeInformation.of(EncodedCaption.class)).name("encode-captions-per-record").uid("encode-captions-per-record");
        } else {
            out = BatchingEncoders.captions(captions, encoder, loader);
        }
        deadLetters.add(out.getSideOutput(DeadLetters.TAG));
        return out;
    }

    EncoderOptions encoder() {
        return encoder;
    }

    private <T extends SpecificRecord> SingleOutputStreamOperator<Decoded<T>> read(Source<Decoded<T>, ?, ?> source,
            Class<T> type, String name) {
        SingleOutputStreamOperator<Decoded<T>> valid = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "source-" + name, Decoded.typeInfo(type))
                .uid("source-" + name)
                .process(new SplitDeadLetters<T>(), Decoded.typeInfo(type))
                .name("validate-" + name).uid("validate-" + name);
        deadLetters.add(valid.getSideOutput(DeadLetters.TAG));
        return valid;
    }
}
