package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.model.ClipModel;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.schemas.Decision;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The match job end to end: keyed pairs and candidate captions, exactly once, with embeddings. */
class MatchJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    @Test
    void matchesEachKeyOnceAndScoresCandidates() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "match");
        conf.set(JobOptions.EMIT_EMBEDDINGS, true);
        byte[] red = png(Color.RED, 40);
        byte[] blue = png(Color.BLUE, 40);
        List<String> candidates = List.of("a red square", "a blue circle", "a photo of a dog");
        byte[] withCandidates = EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId("img-c")
                .setImage(new InlineImage(ByteBuffer.wrap(red), "image/png")).setCandidateCaptions(List.copyOf(candidates))
                .setEventTime(Instant.now()).build());
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.IMAGES_TOPIC),
                List.of(image("img-1", "k1", red), image("img-2", "k2", blue), withCandidates));
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.CAPTIONS_TOPIC),
                List.of(caption("cap-1", "k1", "a red square"), caption("cap-2", "k2", "a blue circle")));

        MatchJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        List<ConsumerRecord<byte[], byte[]>> records =
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.MATCHES_TOPIC), Duration.ofSeconds(2));
        List<MatchEvent> matches = PipelineTestKit.decodeAll(MatchEvent.class, records);
        assertThat(matches).extracting(m -> m.getImageId() + "/" + m.getCaptionId())
                .containsExactlyInAnyOrder("img-1/cap-1", "img-2/cap-2", "img-c/img-c#0", "img-c/img-c#1", "img-c/img-c#2");

        try (ClipModel model = ClipModel.load(PipelineTestKit.model())) {
            float[] image = pixelsVector(model, red);
            float[] text = model.encodeTexts(List.of("a red square"))[0];
            MatchEvent keyed = matches.stream().filter(m -> m.getCaptionId().toString().equals("cap-1")).findFirst().orElseThrow();
            assertThat(keyed.getCosine()).isCloseTo(dot(image, text), within(1e-4f));
            assertThat(keyed.getProbability()).isCloseTo(1.0f, within(1e-5f));
            assertThat(keyed.getRank()).isEqualTo(1);
            assertThat(keyed.getKey()).isEqualTo("k1");
            assertThat(keyed.getDecision()).isEqualTo(keyed.getCosine() >= 0.25f ? Decision.MATCH : Decision.NO_MATCH);
            assertThat(keyed.getModelId()).isEqualTo(model.modelId());
            assertThat(keyed.getTimings().getEmitMs()).isGreaterThanOrEqualTo(keyed.getTimings().getProducedMs());

            List<MatchEvent> scored = matches.stream().filter(m -> m.getImageId().toString().equals("img-c")).toList();
            float[][] texts = model.encodeTexts(candidates);
            double sum = 0;
            for (MatchEvent m : scored) {
                int i = Integer.parseInt(m.getCaptionId().toString().substring("img-c#".length()));
                assertThat(m.getCosine()).isCloseTo(dot(image, texts[i]), within(1e-4f));
                sum += m.getProbability();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
            assertThat(scored).extracting(MatchEvent::getRank).containsExactlyInAnyOrder(1, 2, 3);
        }
        assertThat(new String(records.get(0).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("io.clipstream.match.v1");

        List<EmbeddingEvent> embeddings = PipelineTestKit.decodeAll(EmbeddingEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.EMBEDDINGS_TOPIC), Duration.ofSeconds(1)));
        assertThat(embeddings).extracting(e -> e.getSourceId().toString())
                .containsExactlyInAnyOrder("img-1", "img-2", "img-c", "cap-1", "cap-2");
    }

    static float[] pixelsVector(ClipModel model, byte[] png) throws Exception {
        ClipImageProcessor processor = ClipImageProcessor.of(
                PreprocessorConfig.load(PipelineTestKit.model().resolve(PreprocessorConfig.FILE_NAME)));
        return model.encodePixels(List.of(processor.preprocess(ImageDecoder.create().decodeRgb(png))))[0];
    }

    static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }
}
