package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.TagResult;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.OutputGuard;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.Decoded;
import io.clipstream.jobs.tag.TagOptions;
import io.clipstream.jobs.tag.Tagging;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.TagEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code tag} job: each image gets the top labels of its vocabulary (image attribute
 * {@code vocabulary}, else {@code tag.default-vocabulary}); vocabularies come from the compacted
 * labels topic and change while the job runs.
 *
 * <pre>{@code
 * new TagJob(ClipSources.images(conf, "tag"), ClipSources.labels(conf, "tag"), ClipSinks.tags(conf, "tag"),
 *         null, ClipSinks.deadLetters(conf, "tag"), conf, ModelLoader.clipModel()).execute(env);
 * }</pre>
 */
@PublicEvolving
public final class TagJob implements PipelineJob {
    private final Source<Decoded<ImageEvent>, ?, ?> images;
    private final Source<Decoded<LabelEvent>, ?, ?> labels;
    private final Sink<TagEvent> tags;
    private final Sink<EmbeddingEvent> embeddings;
    private final Sink<DeadLetterEvent> deadLetters;
    private final Configuration conf;
    private final ModelLoader loader;

    /** @param embeddings where image embeddings also go, or null for none */
    public TagJob(Source<Decoded<ImageEvent>, ?, ?> images, Source<Decoded<LabelEvent>, ?, ?> labels, Sink<TagEvent> tags,
            Sink<EmbeddingEvent> embeddings, Sink<DeadLetterEvent> deadLetters, Configuration conf, ModelLoader loader) {
        this.images = images;
        this.labels = labels;
        this.tags = tags;
        this.embeddings = embeddings;
        this.deadLetters = deadLetters;
        this.conf = conf;
        this.loader = loader;
    }

    /** The job on Kafka, as the configuration says. */
    public static TagJob fromConfiguration(Configuration conf, ModelLoader loader) {
        return new TagJob(ClipSources.images(conf, "tag"), ClipSources.labels(conf, "tag"), ClipSinks.tags(conf, "tag"),
                conf.get(JobOptions.EMIT_EMBEDDINGS) ? ClipSinks.embeddings(conf, "tag") : null,
                ClipSinks.deadLetters(conf, "tag"), conf, loader);
    }

    @Override
    public String name() {
        return conf.getOptional(JobOptions.JOB_NAME).orElse("clipstream-tag");
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        Jobs.configure(env, conf);
        DeadLetterStreams dead = new DeadLetterStreams(conf);
        Ingest ingest = new Ingest(env, conf, dead, loader);
        DataStream<EncodedImage> encoded = ingest.encodeImages(ingest.images(images));
        SingleOutputStreamOperator<TagResult> tagged = Tagging.tag(encoded, ingest.labels(labels),
                TagOptions.fromConfiguration(conf), ingest.encoder(), loader);
        dead.add(tagged.getSideOutput(DeadLetters.TAG));
        SingleOutputStreamOperator<TagEvent> events = tagged
                .process(OutputGuard.tags(conf, "tag"), new AvroTypeInfo<>(TagEvent.class))
                .name("to-tag-events").uid("to-tag-events");
        dead.add(events.getSideOutput(DeadLetters.TAG));
        events.sinkTo(tags).name("sink-tags").uid("sink-tags");
        if (embeddings != null) {
            EmbeddingOutput.sink(encoded, null, embeddings, conf, "tag", dead);
        }
        dead.sinkTo(deadLetters);
    }
}
