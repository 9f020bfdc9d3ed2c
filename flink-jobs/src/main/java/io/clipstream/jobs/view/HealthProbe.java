package io.clipstream.jobs.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.clipstream.jobs.launch.PipelineJobs;
import io.clipstream.jobs.source.SourceOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Takes a health sample every {@link #PERIOD_MS}: matches per second and their mean latency (from
 * the matches topic), the encoder's metrics from Flink's REST API when it is reachable, and the
 * consumer lag of the pipeline's group on the input topics (end offsets minus committed offsets,
 * from the Kafka admin client).
 */
final class HealthProbe implements AutoCloseable {
    static final long PERIOD_MS = 2000;

    private final ViewState state;
    private final Admin admin;
    private final List<String> groups;
    private final List<String> inputTopics;
    private final FlinkMetrics flink;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "view-health");
        t.setDaemon(true);
        return t;
    });
    private long lastMatches = -1;
    private long lastMs;

    HealthProbe(ViewState state, Properties kafka, String group, List<String> inputTopics, String flinkRest) {
        this.state = state;
        this.admin = Admin.create(kafka);
        this.groups = group != null ? List.of(group)
                : PipelineJobs.names().stream().map(SourceOptions::defaultGroupId).toList();
        this.inputTopics = inputTopics;
        this.flink = flinkRest == null ? null : new FlinkMetrics(flinkRest);
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                // one missed sample; the next one tries again
            }
        }, 500, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        long now = System.currentTimeMillis();
        long[] counters = state.takeMatchCounters();
        ObjectNode s = ViewState.JSON.createObjectNode();
        s.put("time", now);
        if (lastMatches >= 0) {
            s.put("matchesPerSecond", (counters[0] - lastMatches) * 1000.0 / Math.max(1, now - lastMs));
        }
        lastMatches = counters[0];
        lastMs = now;
        if (counters[1] >= 0) {
            s.put("latencyMs", counters[1]);
        }
        if (flink != null) {
            flink.read().forEach(s::put);
        }
        Long lag = lag();
        if (lag != null) {
            s.put("lag", lag);
        }
        state.health(s);
    }

    /** Records of the input topics not yet committed by the pipeline's group (the largest of several); null when unknown. */
    private Long lag() {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(inputTopics).allTopicNames().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription d : topics.values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(3, TimeUnit.SECONDS);
            Long largest = null;
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
                if (committed.isEmpty() && groups.size() > 1) {
                    continue; // a default group of a job that is not running
                }
                long lag = 0;
                for (TopicPartition tp : new ArrayList<>(ends.keySet())) {
                    OffsetAndMetadata c = committed.get(tp);
                    if (c != null || groups.size() == 1) {
                        lag += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
                    }
                }
                largest = largest == null ? lag : Math.max(largest, lag);
            }
            return largest;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
