package io.clipstream.deploy.cluster;

import io.clipstream.jobs.launch.ClusterEntryPoint;
import io.clipstream.jobs.runtime.Topics;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of the {@code match} job on the local cluster, over topics of its own (prefix unique per
 * run): the program arguments, topic creation, and the REST queries the tests wait on.
 */
final class MatchOnCluster {

    final String prefix;
    final List<String> args;
    private final String bootstrap;

    MatchOnCluster(String bootstrap, String prefix, Path model, int partitions) {
        this(bootstrap, prefix, model, partitions, true);
    }

    /** @param bounded read the inputs up to their end at start and finish, or run until cancelled */
    MatchOnCluster(String bootstrap, String prefix, Path model, int partitions, boolean bounded) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.args = List.of("match",
                "kafka.bootstrap-servers=" + bootstrap,
                "topics.images=" + prefix + ".images",
                "topics.captions=" + prefix + ".captions",
                "topics.labels=" + prefix + ".labels",
                "topics.matches=" + prefix + ".matches",
                "topics.tags=" + prefix + ".tags",
                "topics.embeddings=" + prefix + ".embeddings",
                "topics.dead-letters=" + prefix + ".dead-letters",
                "topics.partitions=" + partitions,
                "kafka.group-id=" + prefix + ".group",
                "sink.transactional-id-prefix=" + prefix + ".tx",
                "sink.delivery-guarantee=EXACTLY_ONCE",
                "source.starting-offsets=earliest",
                "source.bounded=" + bounded,
                "encoder.model-dir=" + model,
                "job.checkpoint-interval=1 s",
                "job.name=clipstream-match-" + prefix);
    }

    /** Creates every topic of the run on the broker and waits until each partition has a leader. */
    MatchOnCluster createTopics() throws Exception {
        Configuration conf = ClusterEntryPoint.configuration(args.subList(1, args.size()), Map.of());
        Topics.create(bootstrap, conf);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Wait.until("leaders of the topics of " + prefix, Duration.ofMinutes(1), () ->
                    admin.describeTopics(Topics.all(conf)).allTopicNames().get().values().stream()
                            .flatMap(topic -> topic.partitions().stream())
                            .allMatch(partition -> partition.leader() != null && !partition.isr().isEmpty()));
        }
        return this;
    }

    String imagesTopic() {
        return prefix + ".images";
    }

    String captionsTopic() {
        return prefix + ".captions";
    }

    String matchesTopic() {
        return prefix + ".matches";
    }

    String deadLettersTopic() {
        return prefix + ".dead-letters";
    }

    /** Uploads nothing: runs an uploaded jar; returns the job id. */
    String submit(FlinkRestClient rest, String jarId, int parallelism) throws Exception {
        return rest.runJar(jarId, ClusterEntryPoint.class.getName(), args, parallelism);
    }

    static long completedCheckpoints(FlinkRestClient rest, String jobId) throws Exception {
        return rest.checkpoints(jobId).path("counts").path("completed").asLong();
    }

    /** How often the job restarted (the job-level {@code numRestarts} metric). */
    static long restarts(FlinkRestClient rest, String jobId) throws Exception {
        for (JsonNode metric : rest.get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return metric.path("value").asLong();
        }
        return 0;
    }

    /** Waits for a terminal state and returns it. */
    static String awaitTerminal(FlinkRestClient rest, String jobId, Duration timeout) throws Exception {
        List<String> state = new ArrayList<>(List.of(""));
        Wait.until("job " + jobId + " to end", timeout, () -> {
            state.set(0, rest.jobState(jobId));
            return List.of("FINISHED", "FAILED", "CANCELED").contains(state.get(0));
        });
        return state.get(0);
    }
}
