package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelScore;
import io.clipstream.schemas.TagEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tag job on an unbounded stream: vocabularies from the compacted labels topic (a tombstone
 * deletes a label), each image tagged once with its vocabulary's labels, an unknown vocabulary a
 * dead letter.
 */
class TagJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    private static byte[] image(String id, String vocabulary) {
        return EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId(id)
                .setImage(new InlineImage(ByteBuffer.wrap(png(Color.RED, 40)), null))
                .setAttributes(Map.of("vocabulary", vocabulary)).setEventTime(Instant.now()).build());
    }

    @Test
    void tagsImagesWithTheirVocabularyAsItChanges() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "tag");
        conf.set(SourceOptions.BOUNDED, false);
        String labels = conf.get(SourceOptions.LABELS_TOPIC);
        for (String label : List.of("red square", "blue circle", "green square")) {
            PipelineTestKit.produceKeyed(kafka, labels, "shapes/" + label, PipelineTestKit.label("shapes", label));
        }
        PipelineTestKit.produceKeyed(kafka, labels, "animals/cat", PipelineTestKit.label("animals", "cat"));
        PipelineTestKit.produceKeyed(kafka, labels, "animals/dog", PipelineTestKit.label("animals", "dog"));
        PipelineTestKit.produceKeyed(kafka, labels, "shapes/green square", null);

        JobClient job = TagJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        try {
            String images = conf.get(SourceOptions.IMAGES_TOPIC);
            String tags = conf.get(SinkOptions.TAGS_TOPIC);
            // labels and images are read concurrently: probe until the vocabulary is in place
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int probe = 0;
            while (PipelineTestKit.readCommitted(kafka, tags, Duration.ofMillis(1500)).isEmpty()) {
                assertThat(System.nanoTime()).as("vocabulary loaded in time").isLessThan(deadline);
                PipelineTestKit.produce(kafka, images, List.of(image("probe-" + probe++, "shapes")));
            }
            PipelineTestKit.produce(kafka, images, List.of(image("img-a", "shapes"), image("img-b", "animals"),
                    image("img-x", "no-such-vocabulary")));

            List<ConsumerRecord<byte[], byte[]>> records = PipelineTestKit.awaitCommitted(kafka, tags,
                    rs -> ids(rs).containsAll(List.of("img-a", "img-b")), Duration.ofSeconds(60));
            List<DeadLetterEvent> dead = PipelineTestKit.decodeAll(DeadLetterEvent.class, PipelineTestKit.awaitCommitted(
                    kafka, conf.get(DeadLetterOptions.TOPIC), rs -> hasMessageFor(rs, "img-x"),
                    Duration.ofSeconds(30)));
            Thread.sleep(2000);
            records = PipelineTestKit.readCommitted(kafka, tags, Duration.ofSeconds(2));
            List<TagEvent> all = PipelineTestKit.decodeAll(TagEvent.class, records);
            List<TagEvent> real = all.stream().filter(t -> !t.getImageId().toString().startsWith("probe-")).toList();
            assertThat(real).extracting(t -> t.getImageId().toString()).containsExactlyInAnyOrder("img-a", "img-b");

            TagEvent a = real.stream().filter(t -> t.getImageId().toString().equals("img-a")).findFirst().orElseThrow();
            assertThat(a.getVocabulary()).isEqualTo("shapes");
            assertThat(a.getLabels()).extracting(l -> l.getLabel().toString()).isNotEmpty()
                    .isSubsetOf("red square", "blue circle").doesNotContain("green square");
            TagEvent b = real.stream().filter(t -> t.getImageId().toString().equals("img-b")).findFirst().orElseThrow();
            assertThat(b.getLabels()).extracting(l -> l.getLabel().toString()).isSubsetOf("cat", "dog");
            for (TagEvent t : real) {
                double sum = 0;
                float previous = Float.MAX_VALUE;
                for (LabelScore l : t.getLabels()) {
                    assertThat(l.getScore()).isLessThanOrEqualTo(previous);
                    previous = l.getScore();
                    sum += l.getProbability();
                }
                assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-5);
            }
            DeadLetterEvent unknown = dead.stream().filter(d -> d.getMessage().toString().contains("img-x")).findFirst().orElseThrow();
            assertThat(unknown.getReason()).isEqualTo("UNKNOWN_VOCABULARY");
            assertThat(unknown.getStage()).isEqualTo("tag");
            assertThat(unknown.getSourceTopic()).isEqualTo(images);
        } finally {
            job.cancel().get();
        }
    }

    private static boolean hasMessageFor(List<ConsumerRecord<byte[], byte[]>> rs, String id) {
        try {
            return PipelineTestKit.decodeAll(DeadLetterEvent.class, rs).stream()
                    .anyMatch(d -> d.getMessage().toString().contains(id));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> ids(List<ConsumerRecord<byte[], byte[]>> rs) {
        try {
            return PipelineTestKit.decodeAll(TagEvent.class, rs).stream().map(t -> t.getImageId().toString()).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
