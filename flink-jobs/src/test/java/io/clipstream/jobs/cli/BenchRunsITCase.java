package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.SimulatedEncoder;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.source.SourceOptions;
import java.nio.file.Path;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The match runs of {@code bench pipeline} on a real broker and MiniCluster, with the simulated
 * encoder so that the harness, not the model, is under test: the capacity run matches every image
 * once, and latency runs one after the other, each on its own topics, measure the images produced
 * after their warm-up, all on the broker that {@code kafka.bootstrap-servers} names, under topics of the
 * benchmark's own, and the encoders' figures of a run reach the benchmark. (Figures are printed by the
 * benchmark, never asserted.)
 */
class BenchRunsITCase {
    private static final Path MODEL = Path.of("..", "models", "clipstream-emoji-small").toAbsolutePath().normalize();

    @Test
    void matchRunsOnTheNamedBrokerCountTheirOwnImagesUnderTopicsOfTheirOwn() throws Exception {
        Configuration base = new Configuration();
        base.set(EncoderOptions.MODEL_DIR, MODEL.toString());
        base.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        BenchWorkload work = BenchWorkload.of("emoji", false);
        try (EmbeddedKafka external = EmbeddedKafka.start()) {
            // a broker of its own, as deploy/local-cluster.sh kafka runs one: the benchmark must use it, not start another
            base.set(SourceOptions.BOOTSTRAP_SERVERS, external.bootstrapServers());
            BenchBroker broker = BenchBroker.open(base);
            BenchBroker next = BenchBroker.open(base);
            assertThat(broker.inProcess()).isFalse();
            assertThat(broker.bootstrapServers()).isEqualTo(external.bootstrapServers());
            BenchRuns.Steady capacity = BenchRuns.matchThroughput(broker, base, work, 300, "match-it", SimulatedEncoder.loader(0), 0);
            assertThat(capacity.rate()).isPositive();
            assertThat(capacity.seconds()).isPositive();
            // the window's CPU figures: the process worked, and HotSpot's compile time was read over the same window
            assertThat(capacity.cpuMsPerImage()).isPositive();
            assertThat(capacity.gcShare()).isBetween(0.0, 1.0);
            assertThat(capacity.jitShare()).isNotNaN().isNotNegative();
            assertThat(capacity.describe()).contains("CPU ms per image", "JIT compile time");
            // the encoders' own figures of that run, as the job reported them: every image once, in batches of at most 32
            var encoders = BenchEncoderMetrics.summary();
            assertThat(encoders).extracting(BenchEncoderMetrics.Encoder::operator).contains("encode-images", "encode-captions");
            var images = encoders.stream().filter(e -> e.operator().equals("encode-images")).findFirst().orElseThrow();
            assertThat(images.records()).isEqualTo(300);
            assertThat(images.batches()).isBetween(10L, 300L);
            assertThat(images.meanBatch()).isBetween(1.0, 32.0);
            assertThat(images.subtasks()).isEqualTo(1);

            // two runs in a row at 50 images/s: 1 s of warm-up, 2 s measured, about 100 images each
            for (String name : new String[] {"latency-it-a", "latency-it-b"}) {
                long[] latency = BenchRuns.matchLatency(broker, base, work, SimulatedEncoder.loader(0), name, 50, 1, 2);
                // counting the warm-up's images too would make about 150
                assertThat(latency[4]).as(name + " matches").isBetween(90L, 110L);
                assertThat(latency[0]).isBetween(0L, latency[1]);
                // the parts: produced to read, read to encoded, encoded to emitted, then the benchmark's send to acknowledgement
                for (int i = 5; i < latency.length; i += 2) {
                    assertThat(latency[i]).as("p50 of part " + i).isBetween(0L, latency[i + 1]);
                }
            }
            // every topic the runs made is under this benchmark's prefix, which the next benchmark on the broker does not share
            try (Admin admin = Admin.create(broker.clientProperties())) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).filteredOn(t -> t.startsWith("bench-")).isNotEmpty()
                        .allMatch(t -> t.startsWith(broker.prefix("match-it")) || t.startsWith(broker.prefix("latency-it-a"))
                                || t.startsWith(broker.prefix("latency-it-b")));
            }
            assertThat(next.prefix("match-it")).isNotEqualTo(broker.prefix("match-it"));
        }
        try (BenchBroker own = BenchBroker.open(new Configuration())) {
            assertThat(own.inProcess()).isTrue();
        }
    }
}
