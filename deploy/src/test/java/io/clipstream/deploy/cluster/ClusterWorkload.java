package io.clipstream.deploy.cluster;

import io.clipstream.deploy.DeployBuild;
import io.clipstream.jobs.runtime.RandomCheckpoint;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.wire.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster tests' workload: {@code keys} correlation keys, each with one image and one caption,
 * so the ground truth is one match {@code img-<k>/cap-<k>} per key; helpers to produce it and to read
 * what the job committed.
 */
final class ClusterWorkload {

    static final List<String> WORDS = List.of("red", "green", "blue", "yellow", "square", "photo", "of", "a");
    private static final Color[] COLORS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};

    private ClusterWorkload() {}

    /** The bundled model when the repository has it, else a tiny random checkpoint written under {@code dir}. */
    static Path model(Path dir) {
        Path bundled = DeployBuild.repositoryRoot().resolve("models").resolve("clipstream-emoji-small");
        if (Files.isRegularFile(bundled.resolve("model.safetensors"))) {
            return bundled;
        }
        return RandomCheckpoint.write(dir.resolve("random-model"), WORDS, 11);
    }

    /** Produces an image and a caption for each of {@code keys} keys; returns the expected pairs. */
    static List<String> produce(String bootstrap, String imagesTopic, String captionsTopic, int keys) {
        return produce(bootstrap, imagesTopic, captionsTopic, keys, 0);
    }

    /**
     * Like {@link #produce(String, String, String, int)}, at most {@code keysPerSecond} keys a second
     * (0: as fast as the broker takes them), so that a job can be disturbed while input still arrives.
     */
    static List<String> produce(String bootstrap, String imagesTopic, String captionsTopic, int keys, int keysPerSecond) {
        EventCodec<ImageEvent> images = EventCodec.of(ImageEvent.class);
        EventCodec<CaptionEvent> captions = EventCodec.of(CaptionEvent.class);
        byte[][] pngs = new byte[COLORS.length][];
        for (int c = 0; c < COLORS.length; c++) {
            pngs[c] = png(COLORS[c], 24);
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        // Right after a topic is created the broker may answer NOT_LEADER_OR_FOLLOWER to the first
        // batch while later in-flight batches of the same idempotent producer are already appended;
        // the retried first batch is then out of sequence for ever. One request in flight keeps
        // retries in order.
        p.put("max.in.flight.requests.per.connection", "1");
        List<String> expected = new ArrayList<>(keys);
        long started = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        Callback check = (metadata, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int k = 0; k < keys; k++) {
                String key = "k" + k;
                byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
                int colour = k % COLORS.length;
                producer.send(new ProducerRecord<>(imagesTopic, keyBytes, images.encode(ImageEvent.newBuilder()
                        .setImageId("img-" + k).setKey(key)
                        .setImage(new InlineImage(ByteBuffer.wrap(pngs[colour]), "image/png"))
                        .setEventTime(Instant.now()).build())), check);
                producer.send(new ProducerRecord<>(captionsTopic, keyBytes, captions.encode(CaptionEvent.newBuilder()
                        .setCaptionId("cap-" + k).setKey(key).setText("a " + WORDS.get(colour) + " square")
                        .setEventTime(Instant.now()).build())), check);
                expected.add("img-" + k + "/cap-" + k);
                if (keysPerSecond > 0 && k % 25 == 0) {
                    pace(started, k, keysPerSecond);
                }
            }
            producer.flush();
        }
        // the ground truth is only true if every input made it into the topics
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + 2 * keys + " inputs were not produced",
                    firstFailure.get());
        }
        return expected;
    }

    /** Every record of {@code topic} up to its current end, with the given isolation level. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, boolean committedOnly) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", committedOnly ? "read_committed" : "read_uncommitted");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** {@code image/caption} of every match event among {@code records}. */
    static List<String> pairs(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        EventCodec<MatchEvent> codec = EventCodec.of(MatchEvent.class);
        List<String> pairs = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            MatchEvent match = codec.decode(record.value());
            pairs.add(match.getImageId() + "/" + match.getCaptionId());
        }
        return pairs;
    }

    private static void pace(long started, int produced, int perSecond) {
        long due = started + produced * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while producing", e);
            }
        }
    }

    private static byte[] png(Color color, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.WHITE);
        g.fillRect(size / 4, size / 4, size / 3, size / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
