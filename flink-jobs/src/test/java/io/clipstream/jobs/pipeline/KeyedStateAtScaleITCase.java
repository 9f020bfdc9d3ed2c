package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.TinyModels;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.LocalFlink;
import io.clipstream.jobs.runtime.RuntimeOptions;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.MatchEvent;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed state larger than the JobManager's in-memory checkpoint limit (5 MiB): many keyed
 * caption/image pairs produced at once, run through the match job on the local runtime of
 * {@code run} (checkpoints are files under the work folder), exactly once, on a cluster that never
 * restarts a job, so that a single failed checkpoint fails the test.
 */
class KeyedStateAtScaleITCase {
    @TempDir
    Path work;

    @Test
    void twentyThousandKeyedPairsMatchExactlyOnceWithFileCheckpoints() throws Exception {
        runPairs(20_000, RuntimeOptions.StateBackend.HASHMAP);
    }

    @Test
    void rocksDbHoldsTheKeyedStateJustTheSame() throws Exception {
        runPairs(4_000, RuntimeOptions.StateBackend.ROCKSDB);
    }

    private void runPairs(int pairs, RuntimeOptions.StateBackend backend) throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, TinyModels.dir(), "scale-" + backend.name().toLowerCase());
        conf.set(EncoderOptions.DEVICE, "cpu");
        conf.set(RuntimeOptions.WORK_DIR, work.toString());
        conf.set(RuntimeOptions.STATE_BACKEND, backend);
        conf.set(SinkOptions.DELIVERY_GUARANTEE, SinkOptions.Guarantee.EXACTLY_ONCE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);

        long started = System.nanoTime();
        produce(kafka, conf, pairs);
        double producedS = (System.nanoTime() - started) / 1e9;

        JobExecutionResult result = MatchJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .execute(LocalFlink.environment(conf));
        double jobS = (System.nanoTime() - started) / 1e9 - producedS;

        // the bounded job has ended, so its last transaction is committed
        List<ConsumerRecord<byte[], byte[]>> records =
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.MATCHES_TOPIC), Duration.ofSeconds(2));
        Map<String, Integer> perImage = new HashMap<>();
        for (MatchEvent m : PipelineTestKit.decodeAll(MatchEvent.class, records)) {
            assertThat(m.getCaptionId().toString()).as("the caption of the image's own key")
                    .isEqualTo("c" + m.getImageId().toString().substring(1));
            perImage.merge(m.getImageId().toString(), 1, Integer::sum);
        }
        assertThat(perImage).as("one match per pair").hasSize(pairs);
        assertThat(perImage.values()).as("each exactly once").containsOnly(1);
        assertThat(records).hasSize(pairs);
        assertThat(work.resolve("checkpoints").resolve(result.getJobID().toString()))
                .as("checkpoints went to files under the work folder").isDirectory();
        assertThat(Files.isDirectory(work.resolve("rocksdb"))).as("RocksDB kept its files in the work folder")
                .isEqualTo(backend == RuntimeOptions.StateBackend.ROCKSDB);

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        System.out.printf("keyed state at scale (%s): %d pairs produced in %.1f s, job ran %.1f s; heap used after GC"
                + " %d MiB, %s%n", backend, pairs, producedS, jobS, heapMb, rss());
        assertThat(heapMb).as("heap in use once the job is over (MiB)").isLessThan(1024);
    }

    /** Every pair under its own key: the captions, then the images, in one go. */
    private static void produce(EmbeddedKafka kafka, Configuration conf, int pairs) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(256 * 1024));
        List<byte[]> pngs = List.of(png(Color.RED, 32), png(Color.BLUE, 32), png(Color.GREEN, 32));
        List<String> texts = List.of("a red cat", "a blue dog", "a small car");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < pairs; i++) {
                String key = "k" + i;
                producer.send(new ProducerRecord<>(conf.get(SourceOptions.CAPTIONS_TOPIC), key.getBytes(StandardCharsets.UTF_8),
                        caption("c" + i, key, texts.get(i % texts.size()))));
            }
            for (int i = 0; i < pairs; i++) {
                String key = "k" + i;
                producer.send(new ProducerRecord<>(conf.get(SourceOptions.IMAGES_TOPIC), key.getBytes(StandardCharsets.UTF_8),
                        image("i" + i, key, pngs.get(i % pngs.size()))));
            }
            producer.flush();
        }
    }

    private static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                    .findFirst().map(l -> "process " + l.replaceAll("\\s+", " ")).orElse("RSS unknown");
        } catch (Exception e) {
            return "RSS unknown";
        }
    }
}
