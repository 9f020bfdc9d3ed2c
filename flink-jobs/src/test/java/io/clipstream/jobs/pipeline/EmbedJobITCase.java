package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.model.ClipModel;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.Modality;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embed job on a real broker and MiniCluster: Avro in, embeddings and dead letters out. */
class EmbedJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    static EmbeddedKafka kafka;
    static Path model;

    @BeforeAll
    static void start() throws Exception {
        kafka = PipelineTestKit.kafka();
        model = PipelineTestKit.model();
    }

    @Test
    void embedsEveryImageAndCaptionExactlyOnce() throws Exception {
        Configuration conf = PipelineTestKit.freshTopics(kafka, model, "embed");
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.IMAGES_TOPIC), List.of(
                image("img-red", "k1", png(Color.RED, 48)), image("img-blue", "k2", png(Color.BLUE, 40)),
                "not avro".getBytes(StandardCharsets.UTF_8)));
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.CAPTIONS_TOPIC), List.of(
                caption("cap-1", "k1", "a red square"), caption("cap-2", "k2", "a blue square"),
                caption("cap-3", null, "a green square"), caption("cap-empty", null, " ")));

        new EmbedJob(ClipSources.images(conf, "embed"), ClipSources.captions(conf, "embed"), ClipSinks.embeddings(conf, "embed"),
                ClipSinks.deadLetters(conf, "embed"), conf, PipelineTestKit.clipModel())
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        List<ConsumerRecord<byte[], byte[]>> records =
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.EMBEDDINGS_TOPIC), Duration.ofSeconds(2));
        List<EmbeddingEvent> embeddings = PipelineTestKit.decodeAll(EmbeddingEvent.class, records);
        Map<String, EmbeddingEvent> byId = embeddings.stream()
                .collect(Collectors.toMap(e -> e.getSourceId().toString(), Function.identity()));
        assertThat(embeddings).hasSize(5);
        assertThat(byId.keySet()).containsExactlyInAnyOrder("img-red", "img-blue", "cap-1", "cap-2", "cap-3");
        assertThat(byId.get("img-red").getModality()).isEqualTo(Modality.IMAGE);
        assertThat(byId.get("cap-3").getModality()).isEqualTo(Modality.TEXT);
        try (ClipModel direct = ClipModel.load(model)) {
            float[] expected = direct.encodeTexts(List.of("a red square"))[0];
            List<Float> got = byId.get("cap-1").getVector();
            assertThat(got).hasSize(direct.embeddingDimension());
            for (int i = 0; i < expected.length; i++) {
                assertThat(got.get(i)).as("component %d", i).isCloseTo(expected[i], within(1e-4f));
            }
            assertThat(byId.get("cap-1").getModelId()).isEqualTo(direct.modelId());
        }
        for (EmbeddingEvent e : embeddings) {
            double norm = 0;
            for (float v : e.getVector()) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).as("norm of %s", e.getSourceId()).isCloseTo(1.0, within(1e-4));
            assertThat(e.getDimension()).isEqualTo(e.getVector().size());
        }
        assertThat(new String(records.get(0).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("io.clipstream.embedding.v1");

        List<DeadLetterEvent> dead = PipelineTestKit.decodeAll(DeadLetterEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(DeadLetterOptions.TOPIC), Duration.ofSeconds(1)));
        assertThat(dead).extracting(d -> d.getReason().toString())
                .containsExactlyInAnyOrder("NOT_AVRO", "EMPTY_CAPTION");
    }
}
