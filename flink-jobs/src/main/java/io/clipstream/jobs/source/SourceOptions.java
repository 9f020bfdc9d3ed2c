package io.clipstream.jobs.source;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the Kafka sources: where to read, from which offset, and size limits. */
public final class SourceOptions {
    private SourceOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers, host:port[,host:port].");

    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType().defaultValue("clipstream")
            .withDescription("Consumer group id (offsets are committed for monitoring; Flink checkpoints own the positions).");

    public static final ConfigOption<String> IMAGES_TOPIC = ConfigOptions.key("topics.images")
            .stringType().defaultValue("clipstream.images").withDescription("Topic of ImageEvent records.");

    public static final ConfigOption<String> CAPTIONS_TOPIC = ConfigOptions.key("topics.captions")
            .stringType().defaultValue("clipstream.captions").withDescription("Topic of CaptionEvent records.");

    public static final ConfigOption<String> LABELS_TOPIC = ConfigOptions.key("topics.labels")
            .stringType().defaultValue("clipstream.labels").withDescription("Compacted topic of LabelEvent records.");

    public static final ConfigOption<String> STARTING_OFFSETS = ConfigOptions.key("source.starting-offsets")
            .stringType().defaultValue("committed")
            .withDescription("Where a new job starts: earliest, latest, or committed (the group's offsets, else earliest).");

    public static final ConfigOption<Boolean> BOUNDED = ConfigOptions.key("source.bounded")
            .booleanType().defaultValue(false)
            .withDescription("Stop at the offsets that are latest when the job starts (batch-like runs and tests).");

    public static final ConfigOption<Integer> MAX_MESSAGE_BYTES = ConfigOptions.key("source.max-message-bytes")
            .intType().defaultValue(8 * 1024 * 1024)
            .withDescription("Input records larger than this become OVERSIZED dead letters.");

    public static final ConfigOption<Integer> MAX_CANDIDATE_CAPTIONS = ConfigOptions.key("source.max-candidate-captions")
            .intType().defaultValue(256)
            .withDescription("Most candidate captions one ImageEvent may carry.");
}
