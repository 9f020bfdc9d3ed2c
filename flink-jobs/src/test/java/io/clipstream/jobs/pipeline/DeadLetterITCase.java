package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind, mixed with good records, on one run of the embed job: each bad record
 * becomes exactly one dead letter with its reason, stage and provenance; the good ones are embedded;
 * the job ends normally (it runs without a restart strategy, so one exception would fail it).
 */
class DeadLetterITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    @TempDir
    Path tmp;

    @Test
    void everyKindOfBadInputBecomesADeadLetterAndGoodRecordsFlow() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "dead");
        conf.set(SourceOptions.MAX_MESSAGE_BYTES, 64 * 1024);
        conf.set(ImageOptions.MAX_PIXELS, 4_000_000L);
        conf.set(DeadLetterOptions.MAX_ORIGINAL_BYTES, 1024);
        conf.set(ImageOptions.FETCH_FILE_ROOTS, List.of(tmp.toString()));
        Path onDisk = Files.write(tmp.resolve("square.png"), png(Color.GREEN, 36));
        byte[] goodCaption = caption("cap-good", null, "a green square");

        String images = conf.get(SourceOptions.IMAGES_TOPIC);
        String captions = conf.get(SourceOptions.CAPTIONS_TOPIC);
        PipelineTestKit.produce(kafka, images, List.of(
                image("img-inline", null, png(Color.RED, 40)),
                BadInputs.imageRef("img-by-uri", onDisk.toUri().toString()),
                BadInputs.imageInline("img-corrupt", BadInputs.corruptPng(png(Color.BLUE, 40))),
                BadInputs.imageInline("img-bomb", BadInputs.pngBomb()),
                BadInputs.imageInline("img-text", "plain text is no image".getBytes(StandardCharsets.UTF_8)),
                BadInputs.imageRef("img-missing", tmp.resolve("missing.png").toUri().toString()),
                BadInputs.imageRef("img-ftp", "ftp://images.example/cat.png"),
                BadInputs.imageInline("", png(Color.RED, 8)),
                new byte[100 * 1024]));
        PipelineTestKit.produce(kafka, captions, Arrays.asList(
                goodCaption,
                BadInputs.notAvro(),
                BadInputs.wrongSchema(),
                BadInputs.truncated(caption("cap-cut", null, "a red square")),
                caption("cap-empty", null, "   "),
                caption("", null, "a cat"),
                null));

        new EmbedJob(ClipSources.images(conf, "embed"), ClipSources.captions(conf, "embed"), ClipSinks.embeddings(conf, "embed"),
                ClipSinks.deadLetters(conf, "embed"), conf, PipelineTestKit.clipModel())
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        List<EmbeddingEvent> embeddings = PipelineTestKit.decodeAll(EmbeddingEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.EMBEDDINGS_TOPIC), Duration.ofSeconds(2)));
        assertThat(embeddings).extracting(e -> e.getSourceId().toString())
                .containsExactlyInAnyOrder("img-inline", "img-by-uri", "cap-good");

        List<DeadLetterEvent> dead = PipelineTestKit.decodeAll(DeadLetterEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(DeadLetterOptions.TOPIC), Duration.ofSeconds(1)));
        Map<String, String> reasonToStage = dead.stream().collect(Collectors.toMap(
                d -> d.getReason().toString(), d -> d.getStage().toString(), (a, b) -> a + "," + b));
        assertThat(dead).hasSize(13);
        assertThat(reasonToStage).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("NOT_AVRO", "deserialize"),
                Map.entry("UNKNOWN_SCHEMA", "deserialize"),
                Map.entry("TRUNCATED", "deserialize"),
                Map.entry("EMPTY_VALUE", "deserialize"),
                Map.entry("OVERSIZED", "deserialize"),
                Map.entry("EMPTY_CAPTION", "validate"),
                Map.entry("MISSING_ID", "validate,validate"),
                Map.entry("IMAGE_CORRUPT", "image"),
                Map.entry("IMAGE_TOO_MANY_PIXELS", "image"),
                Map.entry("IMAGE_UNSUPPORTED_FORMAT", "image"),
                Map.entry("FETCH_FAILED", "image"),
                Map.entry("UNSUPPORTED_SCHEME", "image")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        for (DeadLetterEvent d : dead) {
            assertThat(d.getSourceTopic().toString()).isIn(images, captions);
            assertThat(d.getSourceOffset()).isNotNegative();
            assertThat(d.getOriginalBytes().remaining()).isLessThanOrEqualTo(1024);
            assertThat(d.getMessage().toString()).isNotBlank();
        }
        DeadLetterEvent oversized = dead.stream().filter(d -> d.getReason().toString().equals("OVERSIZED")).findFirst().orElseThrow();
        assertThat(oversized.getOriginalSize()).isEqualTo(100 * 1024);
        assertThat(oversized.getOriginalBytes().remaining()).isEqualTo(1024);
    }
}
