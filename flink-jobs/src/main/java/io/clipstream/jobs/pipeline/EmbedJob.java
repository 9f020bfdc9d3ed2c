package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.Decoded;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code embed} job: every image and caption becomes an {@code EmbeddingEvent}, for search
 * indexes and vector databases.
 *
 * <pre>{@code
 * new EmbedJob(ClipSources.images(conf, "embed"), ClipSources.captions(conf, "embed"),
 *         ClipSinks.embeddings(conf, "embed"), ClipSinks.deadLetters(conf, "embed"), conf).build(env);
 * env.execute();
 * }</pre>
 */
@PublicEvolving
public final class EmbedJob implements PipelineJob {
    private final Source<Decoded<ImageEvent>, ?, ?> images;
    private final Source<Decoded<CaptionEvent>, ?, ?> captions;
    private final Sink<EmbeddingEvent> embeddings;
    private final Sink<DeadLetterEvent> deadLetters;
    private final Configuration conf;
    private final ModelLoader loader;

    public EmbedJob(Source<Decoded<ImageEvent>, ?, ?> images, Source<Decoded<CaptionEvent>, ?, ?> captions,
            Sink<EmbeddingEvent> embeddings, Sink<DeadLetterEvent> deadLetters, Configuration conf, ModelLoader loader) {
        this.images = images;
        this.captions = captions;
        this.embeddings = embeddings;
        this.deadLetters = deadLetters;
        this.conf = conf;
        this.loader = loader;
    }

    /** The job on Kafka, as the configuration says. */
    public static EmbedJob fromConfiguration(Configuration conf, ModelLoader loader) {
        return new EmbedJob(ClipSources.images(conf, "embed"), ClipSources.captions(conf, "embed"), ClipSinks.embeddings(conf, "embed"),
                ClipSinks.deadLetters(conf, "embed"), conf, loader);
    }

    @Override
    public String name() {
        return conf.getOptional(JobOptions.JOB_NAME).orElse("clipstream-embed");
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        Jobs.configure(env, conf);
        DeadLetterStreams dead = new DeadLetterStreams(conf);
        Ingest ingest = new Ingest(env, conf, dead, loader);
        EmbeddingOutput.sink(ingest.encodeImages(ingest.images(images)), ingest.encodeCaptions(ingest.captions(captions)),
                embeddings, conf, "embed", dead);
        dead.sinkTo(deadLetters);
    }
}
