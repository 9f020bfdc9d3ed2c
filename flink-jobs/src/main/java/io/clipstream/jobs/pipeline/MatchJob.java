package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.match.MatchOptions;
import io.clipstream.jobs.match.Matching;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.OutputGuard;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.Decoded;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.MatchEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code match} job: images and captions are encoded and paired by cosine similarity.
 * Records with a correlation key are matched within their key (policy {@code match.policy});
 * keyless captions are matched against the recent keyless images; an image that carries candidate
 * captions also gets their probabilities. Every pair leaves as a {@code MatchEvent}.
 *
 * <pre>{@code
 * new MatchJob(ClipSources.images(conf, "match"), ClipSources.captions(conf, "match"), ClipSinks.matches(conf, "match"),
 *         null, ClipSinks.deadLetters(conf, "match"), conf, ModelLoader.clipModel()).execute(env);
 * }</pre>
 */
@PublicEvolving
public final class MatchJob implements PipelineJob {
    private final Source<Decoded<ImageEvent>, ?, ?> images;
    private final Source<Decoded<CaptionEvent>, ?, ?> captions;
    private final Sink<MatchEvent> matches;
    private final Sink<EmbeddingEvent> embeddings;
    private final Sink<DeadLetterEvent> deadLetters;
    private final Configuration conf;
    private final ModelLoader loader;

    /** @param embeddings where embeddings also go, or null for none */
    public MatchJob(Source<Decoded<ImageEvent>, ?, ?> images, Source<Decoded<CaptionEvent>, ?, ?> captions,
            Sink<MatchEvent> matches, Sink<EmbeddingEvent> embeddings, Sink<DeadLetterEvent> deadLetters,
            Configuration conf, ModelLoader loader) {
        this.images = images;
        this.captions = captions;
        this.matches = matches;
        this.embeddings = embeddings;
        this.deadLetters = deadLetters;
        this.conf = conf;
        this.loader = loader;
    }

    /** The job on Kafka, as the configuration says. */
    public static MatchJob fromConfiguration(Configuration conf, ModelLoader loader) {
        return new MatchJob(ClipSources.images(conf, "match"), ClipSources.captions(conf, "match"), ClipSinks.matches(conf, "match"),
                conf.get(JobOptions.EMIT_EMBEDDINGS) ? ClipSinks.embeddings(conf, "match") : null,
                ClipSinks.deadLetters(conf, "match"), conf, loader);
    }

    @Override
    public String name() {
        return conf.getOptional(JobOptions.JOB_NAME).orElse("clipstream-match");
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        Jobs.configure(env, conf);
        DeadLetterStreams dead = new DeadLetterStreams(conf);
        Ingest ingest = new Ingest(env, conf, dead, loader);
        DataStream<EncodedImage> encodedImages = ingest.encodeImages(ingest.images(images));
        DataStream<EncodedCaption> encodedCaptions = ingest.encodeCaptions(ingest.captions(captions));
        MatchOptions options = MatchOptions.fromConfiguration(conf);
        if (embeddings != null) {
            EmbeddingOutput.sink(encodedImages, encodedCaptions, embeddings, conf, "match", dead);
        }
        // matching keeps records in state: without the bytes they carry for dead letters
        encodedImages = Origins.dropImages(encodedImages);
        encodedCaptions = Origins.dropCaptions(encodedCaptions);

        DataStream<MatchResult> keyed = Matching.byKey(
                encodedImages.filter(i -> i.key != null).name("images-with-key").uid("images-with-key"),
                encodedCaptions.filter(c -> c.key != null).name("captions-with-key").uid("captions-with-key"),
                options);
        DataStream<MatchResult> keyless = Matching.keyless(
                encodedImages.filter(i -> i.key == null).name("images-without-key").uid("images-without-key"),
                encodedCaptions.filter(c -> c.key == null).name("captions-without-key").uid("captions-without-key"),
                options);
        DataStream<MatchResult> candidates = Matching.candidates(
                encodedImages.filter(i -> !i.candidateCaptions.isEmpty()).name("images-with-candidates")
                        .uid("images-with-candidates"), options);
        SingleOutputStreamOperator<MatchEvent> events = keyed.union(keyless, candidates)
                .process(OutputGuard.matches(conf, "match"), new AvroTypeInfo<>(MatchEvent.class))
                .name("to-match-events").uid("to-match-events");
        dead.add(events.getSideOutput(DeadLetters.TAG));
        events.sinkTo(matches).name("sink-matches").uid("sink-matches");
        dead.sinkTo(deadLetters);
    }
}
