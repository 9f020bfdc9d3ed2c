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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The match job on a real multi-process cluster (JobManager and TaskManagers as child JVMs, the thin
 * job jar submitted over REST, DJL from the cluster class path) against an in-process KRaft broker.
 * TaskManagers are killed with SIGKILL while the job runs; with exactly-once sinks every expected
 * match must still be committed exactly once.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverITCase {

    private static final int FAILOVER_KEYS = 10_000;   // 20,000 input events
    private static final int KILLS = 2;
    private static final int PARALLELISM = 2;

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
        cluster = LocalCluster.create(work.resolve("cluster"), List.of(DeployBuild.flinkLib(), DeployBuild.clusterLib()), conf);
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
        MatchOnCluster match = new MatchOnCluster(kafka.bootstrapServers(), "failover", model, 4).createTopics();
        List<String> expected = ClusterWorkload.produce(kafka.bootstrapServers(), match.imagesTopic(),
                match.captionsTopic(), FAILOVER_KEYS);
        long started = System.nanoTime();
        String jobId = match.submit(rest, jarId, PARALLELISM);

        int kills = 0;
        while (kills < KILLS) {
            long checkpointsBefore = MatchOnCluster.completedCheckpoints(rest, jobId);
            // progress first: a running job with a checkpoint completed since the last recovery
            Wait.until("a new checkpoint of " + jobId, Duration.ofMinutes(3), () ->
                    rest.jobState(jobId).equals("FINISHED")
                            || rest.jobState(jobId).equals("RUNNING")
                            && MatchOnCluster.completedCheckpoints(rest, jobId) > checkpointsBefore);
            assertThat(rest.jobState(jobId)).as("the job ended before TaskManager kill %d", kills + 1)
                    .isEqualTo("RUNNING");
            long restartsBefore = MatchOnCluster.restarts(rest, jobId);
            String victim = cluster.liveTaskManagers().get(0);
            cluster.killTaskManager(victim);
            kills++;
            String replacement = cluster.startTaskManager();
            System.out.printf("kill -9 %s after %d completed checkpoints; started %s%n", victim,
                    MatchOnCluster.completedCheckpoints(rest, jobId), replacement);
            Wait.until("restart after the kill of " + victim, Duration.ofMinutes(2),
                    () -> MatchOnCluster.restarts(rest, jobId) > restartsBefore);
        }

        String state = MatchOnCluster.awaitTerminal(rest, jobId, Duration.ofMinutes(15));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(state).as(rest.exceptions(jobId).path("root-exception").asText()).isEqualTo("FINISHED");

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
                        + "%d checkpoints, %.1f s%n", 2 * expected.size(), expected.size(), expected.size(), kills,
                MatchOnCluster.restarts(rest, jobId), MatchOnCluster.completedCheckpoints(rest, jobId), seconds);
        System.out.printf("failover: expected %d matches, committed %d (distinct %d), duplicates %d, missing %d, "
                        + "unexpected %d, dead letters %d; records in the log incl. aborted transactions: %d%n",
                expected.size(), pairs.size(), distinct.size(), pairs.size() - distinct.size(), missing.size(),
                unexpected.size(), deadLetters, all.size());

        assertThat(missing).as("lost matches").isEmpty();
        assertThat(unexpected).as("matches nobody expected").isEmpty();
        assertThat(pairs).as("every match exactly once").hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(deadLetters).isZero();
        assertThat(MatchOnCluster.restarts(rest, jobId)).isGreaterThanOrEqualTo(KILLS);
    }
}
