package io.clipstream.deploy.cluster;

import io.clipstream.deploy.DeployBuild;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The match job on a real multi-process cluster (JobManager and TaskManagers as child JVMs, the thin
 * job jar submitted over REST, DJL from the cluster class path) against an in-process KRaft broker.
 * While input keeps arriving, TaskManagers running the job's tasks are killed with SIGKILL (and
 * replaced); with exactly-once sinks every expected match must still be committed exactly once.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverITCase {

    private static final int FAILOVER_KEYS = 10_000;   // 20,000 input events
    private static final int KILLS = 2;
    private static final int PARALLELISM = 2;
    private static final int KEYS_PER_SECOND = 150;

    private static EmbeddedKafka kafka;
    private static LocalCluster cluster;
    private static Path model;
    private static String jarId;

    @BeforeAll
    static void startClusterAndBroker() throws Exception {
        Path work = DeployBuild.buildDir().resolve("cluster-it").resolve("failover-" + System.currentTimeMillis());
        Files.createDirectories(work);
        kafka = EmbeddedKafka.start();
        model = ClusterWorkload.model(work);
        Configuration conf = new Configuration();
        conf.setString("taskmanager.numberOfTaskSlots", "2");
        conf.setString("taskmanager.memory.process.size", "1600m");
        conf.setString("cluster.evenly-spread-out-slots", "true");
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "10");
        conf.setString("restart-strategy.fixed-delay.delay", "1 s");
        cluster = LocalCluster.create(work.resolve("cluster"), List.of(DeployBuild.flinkLib(), DeployBuild.clusterLib()), conf).stopOnJvmExit();
        cluster.start(2);
        jarId = cluster.rest().uploadJar(DeployBuild.jobJar());
        System.out.println("cluster " + cluster.restUri() + ", logs in " + cluster.workDir().resolve("log") + ", model " + model);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void theSameJarRunsTwiceOnOneClusterBecauseDjlIsOnTheClusterClassPath() throws Exception {
        for (int run = 1; run <= 2; run++) {
            MatchOnCluster match = new MatchOnCluster(kafka.bootstrapServers(), "twice" + run, model, 2).createTopics();
            List<String> expected = ClusterWorkload.produce(kafka.bootstrapServers(), match.imagesTopic(),
                    match.captionsTopic(), 200);
            String jobId = match.submit(cluster.rest(), jarId, PARALLELISM);
            String state = MatchOnCluster.awaitTerminal(cluster.rest(), jobId, Duration.ofMinutes(5));
            assertThat(state).as("run %d: %s", run, cluster.rest().exceptions(jobId).path("root-exception").asText())
                    .isEqualTo("FINISHED");
            List<String> pairs = ClusterWorkload.pairs(
                    ClusterWorkload.readAll(kafka.bootstrapServers(), match.matchesTopic(), true));
            assertThat(pairs).as("run %d", run).containsExactlyInAnyOrderElementsOf(expected);
            System.out.printf("submission %d of the same jar: job %s FINISHED, %d matches%n", run, jobId, pairs.size());
        }
        assertThat(cluster.liveTaskManagers()).as("no TaskManager died between the runs").hasSize(2);
    }

    @Test
    @Order(2)
    void killedTaskManagersLoseAndDuplicateNothing() throws Exception {
        FlinkRestClient rest = cluster.rest();
        MatchOnCluster match = new MatchOnCluster(kafka.bootstrapServers(), "failover", model, 4, false).createTopics();
        String jobId = match.submit(rest, jarId, PARALLELISM);
        Wait.until("job " + jobId + " running", Duration.ofMinutes(3), () -> rest.jobState(jobId).equals("RUNNING"));
        long started = System.nanoTime();
        // input keeps arriving while TaskManagers die: paced so that it spans the kills
        CompletableFuture<List<String>> producing = CompletableFuture.supplyAsync(() -> ClusterWorkload.produce(
                kafka.bootstrapServers(), match.imagesTopic(), match.captionsTopic(), FAILOVER_KEYS, KEYS_PER_SECOND));

        int kills = 0;
        while (kills < KILLS) {
            long checkpointsBefore = MatchOnCluster.completedCheckpoints(rest, jobId);
            // progress first: running, with a checkpoint completed since the last recovery
            Wait.until("a new checkpoint of " + jobId, Duration.ofMinutes(3), () -> rest.jobState(jobId).equals("RUNNING")
                    && MatchOnCluster.completedCheckpoints(rest, jobId) > checkpointsBefore);
            long restartsBefore = MatchOnCluster.restarts(rest, jobId);
            Set<String> running = rest.taskManagersOf(jobId);
            String victim = cluster.liveTaskManagers().stream().filter(running::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("no live TaskManager runs a task of " + jobId + ": " + running));
            int committedBefore = ClusterWorkload.readAll(kafka.bootstrapServers(), match.matchesTopic(), true).size();
            cluster.killTaskManager(victim);
            kills++;
            String replacement = cluster.startTaskManager();
            System.out.printf("kill -9 %s (running tasks of the job) after %d checkpoints, %d matches committed, "
                            + "input %s; started %s%n", victim, MatchOnCluster.completedCheckpoints(rest, jobId),
                    committedBefore, producing.isDone() ? "complete" : "still arriving", replacement);
            Wait.until("restart after the kill of " + victim, Duration.ofMinutes(2),
                    () -> MatchOnCluster.restarts(rest, jobId) > restartsBefore);
        }

        List<String> expected = producing.get(10, TimeUnit.MINUTES);
        Wait.until("every expected match committed", Duration.ofMinutes(10), () ->
                ClusterWorkload.readAll(kafka.bootstrapServers(), match.matchesTopic(), true).size() >= expected.size());
        double seconds = (System.nanoTime() - started) / 1e9;
        // a few more checkpoints: a late duplicate would be committed by then
        long settled = MatchOnCluster.completedCheckpoints(rest, jobId) + 3;
        Wait.until("three more checkpoints", Duration.ofMinutes(2),
                () -> MatchOnCluster.completedCheckpoints(rest, jobId) >= settled);
        long restarts = MatchOnCluster.restarts(rest, jobId);
        long checkpoints = MatchOnCluster.completedCheckpoints(rest, jobId);
        rest.cancel(jobId);
        assertThat(MatchOnCluster.awaitTerminal(rest, jobId, Duration.ofMinutes(2))).isEqualTo("CANCELED");

        List<ConsumerRecord<byte[], byte[]>> committed = ClusterWorkload.readAll(kafka.bootstrapServers(), match.matchesTopic(), true);
        List<ConsumerRecord<byte[], byte[]>> all = ClusterWorkload.readAll(kafka.bootstrapServers(), match.matchesTopic(), false);
        List<String> pairs = ClusterWorkload.pairs(committed);
        Set<String> distinct = new HashSet<>(pairs);
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(distinct);
        Set<String> unexpected = new HashSet<>(distinct);
        expected.forEach(unexpected::remove);
        int deadLetters = ClusterWorkload.readAll(kafka.bootstrapServers(), match.deadLettersTopic(), true).size();
        System.out.printf("failover: %d events in (%d images + %d captions), %d TaskManager kills, %d restarts, "
                        + "%d checkpoints, all matches committed after %.1f s%n", 2 * expected.size(), expected.size(),
                expected.size(), kills, restarts, checkpoints, seconds);
        System.out.printf("failover: expected %d matches, committed %d (distinct %d), duplicates %d, missing %d, "
                        + "unexpected %d, dead letters %d; records in the log incl. aborted transactions: %d%n",
                expected.size(), pairs.size(), distinct.size(), pairs.size() - distinct.size(), missing.size(),
                unexpected.size(), deadLetters, all.size());

        assertThat(missing).as("lost matches").isEmpty();
        assertThat(unexpected).as("matches nobody expected").isEmpty();
        assertThat(pairs).as("every match exactly once").hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(deadLetters).isZero();
        assertThat(restarts).isGreaterThanOrEqualTo(KILLS);
    }
}
