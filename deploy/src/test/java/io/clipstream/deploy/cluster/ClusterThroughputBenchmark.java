package io.clipstream.deploy.cluster;

import io.clipstream.deploy.DeployBuild;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark, not a test: the match job's Kafka-to-Kafka throughput on the multi-process cluster with
 * one TaskManager and with two (two slots each), on the same workload: one TaskManager at parallelism
 * 2, two at parallelism 2 (the same slots split over two processes) and two at parallelism 4 (every
 * slot). Prints one line per setup. Run it with {@code deploy/bench-cluster.sh [keys]}.
 *
 * <p>Each figure is input events (images + captions) divided by the job's running time as the
 * JobManager reports it, from deployment to the final checkpoint; it includes each TaskManager's
 * model load, which the workload is sized to amortise.
 */
public final class ClusterThroughputBenchmark {

    private ClusterThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path work = DeployBuild.buildDir().resolve("cluster-bench").resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(work);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path model = ClusterWorkload.model(work);
            System.out.printf("workload: %d keys = %d events (inline %s PNGs + captions), model %s, %d cores%n",
                    keys, 2 * keys, "24x24", model.getFileName(), Runtime.getRuntime().availableProcessors());
            // {TaskManagers, parallelism}: the same 2 slots in one or two processes, then all 4 slots of two
            for (int[] setup : new int[][] {{1, 2}, {2, 2}, {2, 4}}) {
                run(kafka, model, work.resolve("tm" + setup[0] + "-p" + setup[1]), setup[0], setup[1], keys);
            }
        }
    }

    private static void run(EmbeddedKafka kafka, Path model, Path dir, int taskManagers, int parallelism, int keys)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setString("taskmanager.numberOfTaskSlots", "2");
        conf.setString("taskmanager.memory.process.size", "1600m");
        conf.setString("cluster.evenly-spread-out-slots", "true");
        conf.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        try (LocalCluster cluster = LocalCluster.create(dir.resolve("cluster"),
                List.of(DeployBuild.flinkLib(), DeployBuild.clusterLib()), conf).stopOnJvmExit()) {
            cluster.start(taskManagers);
            FlinkRestClient rest = cluster.rest();
            String jarId = rest.uploadJar(DeployBuild.jobJar());
            MatchOnCluster match = new MatchOnCluster(kafka.bootstrapServers(),
                    "bench-tm" + taskManagers + "-p" + parallelism, model, 4)
                    .createTopics();
            List<String> expected = ClusterWorkload.produce(kafka.bootstrapServers(), match.imagesTopic(),
                    match.captionsTopic(), keys);
            String jobId = match.submit(rest, jarId, parallelism);
            String state = MatchOnCluster.awaitTerminal(rest, jobId, Duration.ofMinutes(30));
            JsonNode job = rest.job(jobId);
            long durationMs = job.path("duration").asLong();
            int matches = ClusterWorkload.readAll(kafka.bootstrapServers(), match.matchesTopic(), true).size();
            System.out.printf("%d TaskManager(s), parallelism %d: %s in %.1f s, %d events -> %.0f events/s, "
                            + "%d of %d matches committed%n", taskManagers, parallelism, state, durationMs / 1000.0,
                    2 * keys, 2 * keys * 1000.0 / durationMs, matches, expected.size());
        }
    }
}
