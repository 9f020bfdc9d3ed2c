package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.jobs.tag.TagOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records that once put a job into an endless restart loop (outputs larger than the producers
 * accept), fed to running jobs between good records. The MiniCluster never restarts a job
 * ({@code restart-strategy.type: none}), so any failure ends the job: each job must still be
 * RUNNING at the end, every trigger must be one dead letter with its provenance, and the good
 * records before and after must each be published exactly once (read_committed).
 */
class WedgeITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    private static final int MB_1_5 = 1_500_000;

    @Test
    void matchJobOutlivesHugeKeysIdsAndCorrelationKeys() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "wedge-match");
        conf.set(SourceOptions.BOUNDED, false);
        String images = conf.get(SourceOptions.IMAGES_TOPIC);
        String captions = conf.get(SourceOptions.CAPTIONS_TOPIC);
        byte[] red = png(Color.RED, 40);

        JobClient job = MatchJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        try {
            send(kafka, images, null, image("img-before", "k-before", red));
            send(kafka, captions, null, caption("cap-before", "k-before", "a red square"));
            awaitMatches(job, kafka, conf, "img-before");

            byte[] hugeKey = filled(MB_1_5, 'k');
            byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
            byte[] hugeId = image("i".repeat(MB_1_5), null, red);
            byte[] hugeCorrelation = image("img-huge-key", "c".repeat(MB_1_5), red);
            byte[] hugeCaptionKey = caption("cap-huge-key", "c".repeat(MB_1_5), "a red square");
            send(kafka, images, hugeKey, garbage);
            send(kafka, images, null, hugeId);
            send(kafka, images, null, hugeCorrelation);
            send(kafka, captions, null, hugeCaptionKey);
            send(kafka, images, null, image("img-after", "k-after", red));
            send(kafka, captions, null, caption("cap-after", "k-after", "a red square"));

            awaitMatches(job, kafka, conf, "img-after");
            List<DeadLetterEvent> dead = awaitDeadLetters(job, kafka, conf, ds -> ds.size() >= 4);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            List<MatchEvent> matches = PipelineTestKit.decodeAll(MatchEvent.class,
                    PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.MATCHES_TOPIC), Duration.ofSeconds(2)));
            assertThat(matches).extracting(m -> m.getImageId() + "/" + m.getCaptionId())
                    .containsExactlyInAnyOrder("img-before/cap-before", "img-after/cap-after");
            assertThat(dead).hasSize(4).allSatisfy(d -> {
                assertThat(d.getReason()).isEqualTo("FIELD_TOO_LARGE");
                assertThat(d.getSourceOffset()).isNotNegative();
                assertThat(d.getOriginalBytes().remaining()).isLessThanOrEqualTo(64 * 1024);
            });
            DeadLetterEvent key = only(dead, d -> d.getStage().equals("deserialize"));
            assertThat(key.getSourceTopic()).isEqualTo(images);
            assertThat(key.getSourceKey().remaining()).isEqualTo(4096);
            assertThat(bytes(key.getOriginalBytes())).containsExactly(garbage);
            assertThat(only(dead, d -> d.getOriginalSize() == hugeId.length).getStage()).isEqualTo("validate");
            assertThat(only(dead, d -> d.getOriginalSize() == hugeCorrelation.length).getMessage()).contains("key");
            assertThat(only(dead, d -> d.getOriginalSize() == hugeCaptionKey.length).getSourceTopic()).isEqualTo(captions);
            assertThat(Arrays.copyOf(bytes(only(dead, d -> d.getOriginalSize() == hugeId.length).getOriginalBytes()), 64))
                    .containsExactly(Arrays.copyOf(hugeId, 64));
        } finally {
            stop(job);
        }
    }

    @Test
    void tagJobOutlivesHugeLabelsAndTurnsAnOversizedResultIntoADeadLetter() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "wedge-tag");
        conf.set(SourceOptions.BOUNDED, false);
        // a small record limit, so that a vocabulary of long (but accepted) labels makes a too-large result
        conf.set(SinkOptions.MAX_RECORD_BYTES, 16 * 1024);
        conf.set(DeadLetterOptions.MAX_ORIGINAL_BYTES, 4096);
        conf.set(SourceOptions.MAX_RECORD_KEY_BYTES, 1024);
        conf.set(TagOptions.TOP_K, 40);
        conf.set(TagOptions.MIN_PROBABILITY, 0f);
        String labels = conf.get(SourceOptions.LABELS_TOPIC);
        String images = conf.get(SourceOptions.IMAGES_TOPIC);
        for (String label : List.of("red square", "blue circle")) {
            send(kafka, labels, utf8("shapes/" + label), PipelineTestKit.label("shapes", label));
        }
        for (int i = 0; i < 40; i++) {
            String label = i + " " + "red square ".repeat(90);
            send(kafka, labels, utf8("wide/" + i), PipelineTestKit.label("wide", label));
        }

        JobClient job = TagJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        try {
            // labels and images are read concurrently: probe until both vocabularies are in place
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int probe = 0;
            while (!(hasTag(kafka, conf) && countReason(kafka, conf, "OUTPUT_TOO_LARGE") > 0)) {
                assertThat(System.nanoTime()).as("vocabularies loaded in time").isLessThan(deadline);
                assertThat(running(job)).isTrue();
                send(kafka, images, null, tagged("probe-" + probe, "shapes"));
                send(kafka, images, null, tagged("wide-probe-" + probe++, "wide"));
                Thread.sleep(1500);
            }
            send(kafka, images, null, tagged("img-before", "shapes"));
            for (int i = 0; i < 5; i++) {
                send(kafka, labels, utf8("shapes/huge-" + i), PipelineTestKit.label("shapes", i + "x".repeat(300_000)));
            }
            byte[] wide = tagged("img-wide", "wide");
            byte[] unknownKey = {(byte) 0xFF, 0x01, (byte) 0xFE};
            byte[] unknown = tagged("img-unknown", "no-such-vocabulary");
            send(kafka, images, utf8("wide-key"), wide);
            send(kafka, images, unknownKey, unknown);
            send(kafka, images, null, tagged("img-after", "shapes"));

            List<ConsumerRecord<byte[], byte[]>> tags = PipelineTestKit.awaitCommitted(kafka,
                    conf.get(SinkOptions.TAGS_TOPIC), rs -> tagIds(rs).contains("img-after"), Duration.ofSeconds(60));
            // probes may be dead letters too (sent before their vocabulary was in place): leave them out
            List<DeadLetterEvent> dead = awaitDeadLetters(job, kafka, conf, ds -> ds.stream().filter(d -> !isProbe(d)).count() >= 7)
                    .stream().filter(d -> !isProbe(d)).toList();
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            tags = PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.TAGS_TOPIC), Duration.ofSeconds(2));
            assertThat(tagIds(tags).stream().filter(id -> id.startsWith("img-")))
                    .containsExactlyInAnyOrder("img-before", "img-after");
            assertThat(dead).hasSize(7);
            for (TagEvent t : PipelineTestKit.decodeAll(TagEvent.class, tags)) {
                if (t.getVocabulary().equals("wide")) {
                    continue; // a probe that met a vocabulary still loading
                }
                assertThat(t.getLabels()).extracting(l -> l.getLabel().toString()).isSubsetOf("red square", "blue circle");
            }
            List<DeadLetterEvent> huge = dead.stream().filter(d -> d.getReason().equals("FIELD_TOO_LARGE")).toList();
            assertThat(huge).hasSize(5).allSatisfy(d -> {
                assertThat(d.getStage()).isEqualTo("validate");
                assertThat(d.getSourceTopic()).isEqualTo(labels);
                assertThat(d.getOriginalSize()).isGreaterThan(300_000);
                assertThat(d.getOriginalBytes().remaining()).isEqualTo(4096);
                assertThat(new String(bytes(d.getSourceKey()), StandardCharsets.UTF_8)).startsWith("shapes/huge-");
            });
            DeadLetterEvent tooLarge = only(dead, d -> d.getMessage().contains("img-wide"));
            assertThat(tooLarge.getReason()).isEqualTo("OUTPUT_TOO_LARGE");
            assertThat(tooLarge.getStage()).isEqualTo("output");
            assertThat(tooLarge.getSourceTopic()).isEqualTo(images);
            assertThat(bytes(tooLarge.getSourceKey())).containsExactly(utf8("wide-key"));
            assertThat(bytes(tooLarge.getOriginalBytes())).containsExactly(wide);
            // a tag-stage dead letter keeps the whole record and its key, even one that is no UTF-8
            DeadLetterEvent unknownVocabulary = only(dead, d -> d.getMessage().contains("img-unknown"));
            assertThat(unknownVocabulary.getReason()).isEqualTo("UNKNOWN_VOCABULARY");
            assertThat(unknownVocabulary.getStage()).isEqualTo("tag");
            assertThat(bytes(unknownVocabulary.getSourceKey())).containsExactly(unknownKey);
            assertThat(bytes(unknownVocabulary.getOriginalBytes())).containsExactly(unknown);
            assertThat(unknownVocabulary.getOriginalSize()).isEqualTo(unknown.length);
            ConsumerRecord<byte[], byte[]> unknownRecord = PipelineTestKit.readCommitted(kafka,
                    conf.get(DeadLetterOptions.TOPIC), Duration.ofSeconds(1)).stream()
                    .filter(r -> r.key() != null && Arrays.equals(r.key(), unknownKey)).findFirst().orElseThrow();
            assertThat(unknownRecord.value()).isNotEmpty();
        } finally {
            stop(job);
        }
    }

    @Test
    void embedJobOutlivesAHugeCaptionIdAndRefusesOtherOddInputsPrecisely() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "wedge-embed");
        conf.set(SourceOptions.BOUNDED, false);
        String images = conf.get(SourceOptions.IMAGES_TOPIC);
        String captions = conf.get(SourceOptions.CAPTIONS_TOPIC);

        JobClient job = EmbedJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        try {
            send(kafka, captions, null, caption("cap-before", null, "a red square"));
            send(kafka, images, null, image("img-before", null, png(Color.RED, 40)));
            awaitEmbeddings(job, kafka, conf, "cap-before", "img-before");

            byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x00};
            byte[] hugeId = caption("c".repeat(MB_1_5), null, "a red square");
            byte[] good = caption("abc", null, "a red square");
            byte[] hugeLength = hugeLength(good);
            send(kafka, captions, null, hugeId);
            send(kafka, captions, notUtf8, "garbage".getBytes(StandardCharsets.UTF_8));
            send(kafka, captions, null, new byte[0]);
            send(kafka, captions, null, hugeLength);
            send(kafka, captions, null, caption("cap-invisible", null, "\u200B\u00A0\u2060\uFEFF"));
            send(kafka, captions, null, caption("cap-after", null, "a blue circle"));
            send(kafka, images, null, image("img-after", null, png(Color.BLUE, 40)));

            awaitEmbeddings(job, kafka, conf, "cap-after", "img-after");
            List<DeadLetterEvent> dead = awaitDeadLetters(job, kafka, conf, ds -> ds.size() >= 5);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            List<EmbeddingEvent> embeddings = PipelineTestKit.decodeAll(EmbeddingEvent.class,
                    PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.EMBEDDINGS_TOPIC), Duration.ofSeconds(2)));
            assertThat(embeddings).extracting(e -> e.getSourceId().toString())
                    .containsExactlyInAnyOrder("cap-before", "img-before", "cap-after", "img-after");
            assertThat(dead).allSatisfy(d -> {
                assertThat(d.getSourceTopic()).isEqualTo(captions);
                assertThat(d.getSourceOffset()).isNotNegative();
            });
            assertThat(dead).extracting(d -> d.getStage() + "/" + d.getReason()).containsExactlyInAnyOrder(
                    "validate/FIELD_TOO_LARGE", "deserialize/NOT_AVRO", "deserialize/EMPTY_VALUE",
                    "deserialize/TRUNCATED", "validate/EMPTY_CAPTION");
            assertThat(only(dead, d -> d.getReason().equals("FIELD_TOO_LARGE")).getOriginalSize()).isEqualTo(hugeId.length);
            ConsumerRecord<byte[], byte[]> keyed = PipelineTestKit.readCommitted(kafka, conf.get(DeadLetterOptions.TOPIC),
                    Duration.ofSeconds(1)).stream().filter(r -> r.key() != null).findFirst().orElseThrow();
            assertThat(keyed.key()).containsExactly(notUtf8);
        } finally {
            stop(job);
        }
    }

    @Test
    void outputTopicsAreCreatedWithTheSinksLimitAndASmallerExistingOneIsRefused() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "wedge-topics");
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            org.apache.kafka.common.config.ConfigResource matches = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, conf.get(SinkOptions.MATCHES_TOPIC));
            assertThat(admin.describeConfigs(List.of(matches)).all().get().get(matches).get("max.message.bytes").value())
                    .isEqualTo(String.valueOf(io.clipstream.jobs.sink.RecordLimits.maxRequestSize(conf)));
            Configuration larger = new Configuration(conf);
            larger.set(SinkOptions.MAX_RECORD_BYTES, 2 * 1024 * 1024);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> io.clipstream.jobs.runtime.Topics.create(kafka.bootstrapServers(), larger))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("max.message.bytes");
        }
    }

    private static byte[] tagged(String id, String vocabulary) {
        return EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId(id)
                .setImage(new InlineImage(ByteBuffer.wrap(png(Color.RED, 40)), null))
                .setAttributes(Map.of("vocabulary", vocabulary)).setEventTime(Instant.now()).build());
    }

    /** {@code good} with its first string's length (right after the header) declared as 2^40 bytes. */
    private static byte[] hugeLength(byte[] good) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(good, 0, 10);
        long z = (1L << 40) << 1;
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        out.write(good, 11, good.length - 11);
        return out.toByteArray();
    }

    private static void send(EmbeddedKafka kafka, String topic, byte[] key, byte[] value) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("max.request.size", String.valueOf(16 * 1024 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    private static void awaitMatches(JobClient job, EmbeddedKafka kafka, Configuration conf, String imageId) {
        PipelineTestKit.awaitCommitted(kafka, conf.get(SinkOptions.MATCHES_TOPIC), rs -> running(job) && decode(MatchEvent.class, rs).stream()
                .anyMatch(m -> m.getImageId().toString().equals(imageId)), Duration.ofSeconds(90));
    }

    private static void awaitEmbeddings(JobClient job, EmbeddedKafka kafka, Configuration conf, String... ids) {
        PipelineTestKit.awaitCommitted(kafka, conf.get(SinkOptions.EMBEDDINGS_TOPIC), rs -> running(job) && decode(EmbeddingEvent.class, rs)
                .stream().map(e -> e.getSourceId().toString()).toList().containsAll(List.of(ids)), Duration.ofSeconds(90));
    }

    /** The dead letters once {@code done} holds for them, read again after a quiet time (later checkpoints). */
    private static List<DeadLetterEvent> awaitDeadLetters(JobClient job, EmbeddedKafka kafka, Configuration conf,
            Predicate<List<DeadLetterEvent>> done) throws Exception {
        String topic = conf.get(DeadLetterOptions.TOPIC);
        PipelineTestKit.awaitCommitted(kafka, topic, rs -> running(job) && done.test(decode(DeadLetterEvent.class, rs)),
                Duration.ofSeconds(60));
        return PipelineTestKit.decodeAll(DeadLetterEvent.class, PipelineTestKit.readCommitted(kafka, topic, Duration.ofSeconds(2)));
    }

    /** True while the job runs; a job that ended fails the test with the job's own failure. */
    private static boolean running(JobClient job) {
        try {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                throw new AssertionError("the job ended without failing");
            }
            return true;
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the job failed", e);
        }
    }

    /** Cancels a running job; a job that already ended fails the test with its failure. */
    private static void stop(JobClient job) throws Exception {
        if (running(job)) {
            job.cancel().get();
        }
    }

    private static boolean isProbe(DeadLetterEvent d) {
        return d.getMessage().contains("probe-");
    }

    private static boolean hasTag(EmbeddedKafka kafka, Configuration conf) {
        return decode(TagEvent.class, PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.TAGS_TOPIC),
                Duration.ofMillis(300))).stream().anyMatch(t -> t.getVocabulary().equals("shapes"));
    }

    private static int countReason(EmbeddedKafka kafka, Configuration conf, String reason) {
        return (int) decode(DeadLetterEvent.class, PipelineTestKit.readCommitted(kafka, conf.get(DeadLetterOptions.TOPIC),
                Duration.ofMillis(300))).stream().filter(d -> d.getReason().equals(reason)).count();
    }

    private static List<String> tagIds(List<ConsumerRecord<byte[], byte[]>> rs) {
        return decode(TagEvent.class, rs).stream().map(t -> t.getImageId().toString()).toList();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> decode(Class<T> type,
            List<ConsumerRecord<byte[], byte[]>> rs) {
        try {
            return PipelineTestKit.decodeAll(type, rs);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static DeadLetterEvent only(List<DeadLetterEvent> dead, Predicate<DeadLetterEvent> which) {
        List<DeadLetterEvent> found = new ArrayList<>(dead.stream().filter(which).toList());
        assertThat(found).as("exactly one such dead letter in %s", dead.size()).hasSize(1);
        return found.get(0);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    private static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
