package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the pipeline's integration tests share: a Flink MiniCluster, Kafka helpers and inputs. */
final class PipelineTestKit {
    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();

    private static EmbeddedKafka kafka;
    private static Path model;

    private PipelineTestKit() {}

    /** One broker for every integration test of this JVM; each test uses its own topics. */
    static synchronized EmbeddedKafka kafka() throws Exception {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is exiting; the broker's folders are temporary
                }
            }));
        }
        return kafka;
    }

    /** Words of the test model's tokenizer: what the tests' captions and labels say. */
    static final List<String> WORDS = List.of("a photo of a red blue green square circle cat dog car");

    /** A small random CLIP checkpoint, written once per JVM. */
    static synchronized Path model() throws IOException {
        if (model == null) {
            Path dir = java.nio.file.Files.createTempDirectory("clipstream-test-model");
            model = io.clipstream.jobs.runtime.RandomCheckpoint.write(dir, WORDS, 7);
        }
        return model;
    }

    /** A MiniCluster with one task manager of four slots that never restarts a failed job. */
    static MiniClusterExtension miniCluster() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).setConfiguration(conf).build());
    }

    /** The real model, loaded from the folder (the same code path as production). */
    static ModelLoader clipModel() {
        return ModelLoader.clipModel();
    }

    /**
     * A job configuration whose every topic is new (prefix unique per call), created on the broker,
     * reading bounded from the earliest offset.
     */
    static Configuration freshTopics(EmbeddedKafka kafka, Path model, String test) throws Exception {
        String p = test + "-" + TOPIC_SEQUENCE.incrementAndGet() + ".";
        Configuration conf = Topics.withPrefix(new Configuration(), kafka.bootstrapServers(), p);
        conf.set(SourceOptions.BOUNDED, true);
        conf.set(EncoderOptions.MODEL_DIR, model.toString());
        conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        Topics.create(kafka.bootstrapServers(), conf);
        return conf;
    }

    static void produce(EmbeddedKafka kafka, String topic, List<byte[]> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (byte[] v : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, v)));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(); // a record that was not written fails the test here, not later as a missing output
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }

    static void produceKeyed(EmbeddedKafka kafka, String topic, String key, byte[] value) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
            producer.flush();
        }
    }

    /**
     * Every committed record of {@code topic} (read_committed, from the beginning), polling until
     * no new record has arrived for {@code quiet}.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(EmbeddedKafka kafka, String topic, Duration quiet) {
        try (KafkaConsumer<byte[], byte[]> c = committedFromTheBeginning(kafka, topic)) {
            Set<org.apache.kafka.common.TopicPartition> parts = c.assignment();
            // never stop before the committed end as of now (a loaded machine can pause a poll for
            // longer than the quiet period); then keep reading until nothing new came for `quiet`
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long lastNew = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                    lastNew = System.nanoTime();
                }
                boolean atEnd = parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
                if (atEnd && System.nanoTime() - lastNew >= quiet.toNanos()) {
                    break;
                }
            }
            return out;
        }
    }

    /**
     * Reads committed records of {@code topic} from the beginning until {@code done} holds for
     * what has been read, or fails after {@code timeout}.
     */
    static List<ConsumerRecord<byte[], byte[]>> awaitCommitted(EmbeddedKafka kafka, String topic,
            java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> c = committedFromTheBeginning(kafka, topic)) {
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout + " waiting on " + topic + " (" + out.size() + " records read)");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** A consumer of the committed records of every partition of {@code topic}, at the beginning. */
    private static KafkaConsumer<byte[], byte[]> committedFromTheBeginning(EmbeddedKafka kafka, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(topic).forEach(i -> parts.add(new org.apache.kafka.common.TopicPartition(topic, i.partition())));
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    static <T extends org.apache.avro.specific.SpecificRecord> List<T> decodeAll(Class<T> type,
            List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        EventCodec<T> codec = EventCodec.of(type);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(codec.decode(r.value()));
        }
        return out;
    }

    /** A PNG of a solid colour with a white square, {@code size} pixels wide. */
    static byte[] png(Color color, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.WHITE);
        g.fillRect(size / 4, size / 4, size / 3, size / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] image(String id, String key, byte[] png) {
        return EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId(id).setKey(key)
                .setImage(new InlineImage(ByteBuffer.wrap(png), "image/png")).setEventTime(Instant.now()).build());
    }

    static byte[] caption(String id, String key, String text) {
        return EventCodec.of(CaptionEvent.class).encode(CaptionEvent.newBuilder().setCaptionId(id).setKey(key)
                .setText(text).setEventTime(Instant.now()).build());
    }

    static byte[] label(String vocabulary, String label) {
        return EventCodec.of(LabelEvent.class).encode(LabelEvent.newBuilder().setVocabulary(vocabulary).setLabel(label).build());
    }
}
