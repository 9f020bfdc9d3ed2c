package io.clipstream.jobs.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.Modality;
import io.clipstream.schemas.wire.EventCodec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clipstream index} killed with SIGKILL in the middle of a stream of transactional
 * embeddings, then started again: the index ends with every embedding exactly once, and the second
 * run resumed from the offsets of the last commit instead of the beginning.
 */
class IndexRestartITCase {
    private static final int TOTAL = 3000;
    private static final int DIM = 32;
    private static EmbeddedKafka kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void killedInTheMiddleAndRestartedHoldsEveryEmbeddingOnce() throws Exception {
        String topic = "index-restart.embeddings";
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Path dir = tmp.resolve("index");
        Thread producer = new Thread(() -> produce(topic), "embeddings-producer");
        producer.start();

        Process child = startIndexer(topic, dir);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int committed = 0;
            // kill it once it has committed some, with more still to come
            while (committed < 300 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
                committed = committedCount(dir);
            }
            assertThat(child.isAlive()).as("indexer still running before the kill").isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not a clean exit").isNotZero();
        } finally {
            child.destroyForcibly();
        }
        int afterKill = committedCount(dir);
        assertThat(afterKill).as("a partial index").isBetween(300, TOTAL - 1);
        producer.join();

        try (EmbeddingIndex index = EmbeddingIndex.open(dir, 16, 100)) {
            Properties p = kafka.clientProperties();
            EmbeddingIndexer indexer = new EmbeddingIndexer(index, p, topic, Duration.ofMillis(200));
            indexer.run(Duration.ofSeconds(3));
            assertThat(indexer.indexed()).as("resumed from the stored offsets, not from the beginning")
                    .isLessThan(TOTAL);
        }
        try (EmbeddingSearch search = EmbeddingSearch.open(dir)) {
            assertThat(search.size()).isEqualTo(TOTAL);
            List<String> notOnce = new ArrayList<>();
            for (int i = 0; i < TOTAL; i++) {
                if (search.count("IMAGE", "e-" + i) != 1) {
                    notOnce.add("e-" + i);
                }
            }
            assertThat(notOnce).as("embeddings not held exactly once").isEmpty();
        }
    }

    private static int committedCount(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (FSDirectory d = FSDirectory.open(dir)) {
            Map<String, String> data = EmbeddingIndex.committedUserData(d);
            if (data.isEmpty()) {
                return 0;
            }
            try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(d)) {
                return r.numDocs();
            }
        }
    }

    private static Process startIndexer(String topic, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=classpath:clipstream-log4j2.properties",
                "io.clipstream.jobs.cli.Main", "index", "--bootstrap-servers", kafka.bootstrapServers(),
                "--set", "topics.embeddings=" + topic, "--set", "index.commit-interval=100ms", "--index", dir.toString());
        File log = dir.resolveSibling("indexer.log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    /** Transactions of 20 embeddings, paced, so the indexer reads while they arrive. */
    private static void produce(String topic) {
        Properties p = kafka.clientProperties();
        p.put("transactional.id", "index-restart-producer");
        EventCodec<EmbeddingEvent> codec = EventCodec.of(EmbeddingEvent.class);
        Random random = new Random(3);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int i = 0; i < TOTAL; i += 20) {
                producer.beginTransaction();
                for (int j = i; j < i + 20; j++) {
                    String id = "e-" + j;
                    EmbeddingEvent e = EmbeddingEvent.newBuilder().setSourceId(id).setModality(Modality.IMAGE)
                            .setVector(unit(random)).setDimension(DIM).setModelId("test").build();
                    producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), codec.encode(e)));
                }
                producer.commitTransaction();
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Float> unit(Random random) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        List<Float> out = new ArrayList<>(DIM);
        for (float x : v) {
            out.add((float) (x / Math.sqrt(norm)));
        }
        return out;
    }
}
