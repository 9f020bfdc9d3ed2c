package io.clipstream.jobs.runtime;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.sink.RecordLimits;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.KafkaClientProperties;
import io.clipstream.jobs.source.SourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline's topics: the labels topic compacted, the outputs with the sinks' record limit. */
@PublicEvolving
public final class Topics {
    private Topics() {}

    /** Every topic name the configuration uses: inputs, outputs, dead letters. */
    public static List<String> all(Configuration conf) {
        return List.of(conf.get(SourceOptions.IMAGES_TOPIC), conf.get(SourceOptions.CAPTIONS_TOPIC),
                conf.get(SourceOptions.LABELS_TOPIC), conf.get(SinkOptions.MATCHES_TOPIC),
                conf.get(SinkOptions.TAGS_TOPIC), conf.get(SinkOptions.EMBEDDINGS_TOPIC),
                conf.get(DeadLetterOptions.TOPIC));
    }

    /**
     * A copy of {@code base} whose topics, consumer group and transactional ids all start with
     * {@code prefix}, reading from the earliest offset: runs that must not see each other's records
     * (benchmark phases, tests) each take a prefix of their own.
     */
    public static Configuration withPrefix(Configuration base, String bootstrapServers, String prefix) {
        Configuration conf = new Configuration(base);
        conf.set(SourceOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        conf.set(SourceOptions.IMAGES_TOPIC, prefix + "images");
        conf.set(SourceOptions.CAPTIONS_TOPIC, prefix + "captions");
        conf.set(SourceOptions.LABELS_TOPIC, prefix + "labels");
        conf.set(SinkOptions.MATCHES_TOPIC, prefix + "matches");
        conf.set(SinkOptions.TAGS_TOPIC, prefix + "tags");
        conf.set(SinkOptions.EMBEDDINGS_TOPIC, prefix + "embeddings");
        conf.set(DeadLetterOptions.TOPIC, prefix + "dead-letters");
        conf.set(SourceOptions.GROUP_ID, prefix + "group");
        conf.set(SinkOptions.TRANSACTIONAL_ID_PREFIX, prefix + "tx");
        conf.set(SourceOptions.STARTING_OFFSETS, "earliest");
        return conf;
    }

    /**
     * Creates every missing topic of {@link #all}; existing ones are left as they are, but an
     * existing output topic that accepts less than the sinks may send is refused. The admin client
     * logs in as the job's own clients do, with the {@code kafka.properties.*} pass-through
     * settings (security protocol, SASL, TLS stores).
     */
    public static void create(String bootstrapServers, Configuration conf) throws InterruptedException, ExecutionException {
        Properties p = KafkaClientProperties.from(conf);
        p.put("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            Set<String> outputs = Set.of(conf.get(SinkOptions.MATCHES_TOPIC), conf.get(SinkOptions.TAGS_TOPIC),
                    conf.get(SinkOptions.EMBEDDINGS_TOPIC), conf.get(DeadLetterOptions.TOPIC));
            for (String name : all(conf)) {
                if (existing.contains(name)) {
                    continue;
                }
                NewTopic t = new NewTopic(name, conf.get(RuntimeOptions.PARTITIONS), conf.get(RuntimeOptions.REPLICATION).shortValue());
                if (name.equals(conf.get(SourceOptions.LABELS_TOPIC))) {
                    t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                } else if (outputs.contains(name)) {
                    // exactly what the sinks' producers may send (RecordLimits), whatever the broker's default
                    t.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(RecordLimits.maxRequestSize(conf))));
                }
                missing.add(t);
            }
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            List<String> existingOutputs = outputs.stream().filter(existing::contains).sorted().toList();
            checkRecordLimit(admin, existingOutputs, RecordLimits.maxRequestSize(conf));
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * Waits until every partition of the new {@code topics} has a leader: a producer that writes
     * right after creation otherwise waits for metadata and may time out.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream()).allMatch(part -> part.leader() != null && !part.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + topics + " have no leader 30 s after they were created");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Refuses to go on when an existing output topic accepts less than the sinks may send: every
     * such record would fail the job. Topics whose configuration may not be read are left alone.
     */
    static void checkRecordLimit(Admin admin, List<String> topics, int maxRequestSize) throws InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(resources).all().get();
        } catch (ExecutionException e) {
            return; // no right to describe: the broker's own check remains
        }
        for (Map.Entry<ConfigResource, Config> c : configs.entrySet()) {
            ConfigEntry entry = c.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null && Long.parseLong(entry.value()) < maxRequestSize) {
                throw new IllegalStateException("topic " + c.getKey().name() + " has max.message.bytes=" + entry.value()
                        + ", below the sinks' max.request.size of " + maxRequestSize + " (sink.max-record-bytes + "
                        + RecordLimits.REQUEST_OVERHEAD_BYTES + "): raise the topic's limit or lower sink.max-record-bytes");
            }
        }
    }
}
