package io.clipstream.jobs.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** Options of the Kafka sources: where to read, from which offset, and size limits. */
@PublicEvolving
public final class SourceOptions {
    private SourceOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers, host:port[,host:port].");

    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType().noDefaultValue()
            .withDescription("Consumer group id (offsets are committed for monitoring; Flink checkpoints own the positions); "
                    + "unset, each job has its own, clipstream-<job>, so one job's offsets never decide where another starts.");

    /** The group of {@code job} when {@link #GROUP_ID} is unset: {@code clipstream-<job>}. */
    public static String defaultGroupId(String job) {
        return "clipstream-" + job;
    }

    /** The consumer group of {@code job}'s sources: {@link #GROUP_ID} if set, else {@link #defaultGroupId}. */
    public static String groupId(Configuration conf, String job) {
        return conf.getOptional(GROUP_ID).orElseGet(() -> defaultGroupId(job));
    }

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

    public static final ConfigOption<Integer> MAX_RECORD_KEY_BYTES = ConfigOptions.key("source.max-record-key-bytes")
            .intType().defaultValue(4096)
            .withDescription("Longest Kafka record key accepted; a longer one makes the record a FIELD_TOO_LARGE dead letter"
                    + " whose key keeps this many bytes.");

    public static final ConfigOption<Integer> MAX_ID_BYTES = ConfigOptions.key("source.max-id-bytes")
            .intType().defaultValue(1024)
            .withDescription("Longest imageId or captionId accepted, in UTF-8 bytes (FIELD_TOO_LARGE beyond).");

    public static final ConfigOption<Integer> MAX_KEY_BYTES = ConfigOptions.key("source.max-key-bytes")
            .intType().defaultValue(1024)
            .withDescription("Longest correlation key accepted, in UTF-8 bytes (FIELD_TOO_LARGE beyond).");

    public static final ConfigOption<Integer> MAX_LABEL_BYTES = ConfigOptions.key("source.max-label-bytes")
            .intType().defaultValue(1024)
            .withDescription("Longest vocabulary or label name (also an image's vocabulary attribute), in UTF-8 bytes.");

    public static final ConfigOption<Integer> MAX_TEMPLATE_BYTES = ConfigOptions.key("source.max-template-bytes")
            .intType().defaultValue(1024)
            .withDescription("Longest prompt template of a label, in UTF-8 bytes.");

    public static final ConfigOption<Integer> MAX_TEMPLATES = ConfigOptions.key("source.max-templates")
            .intType().defaultValue(32)
            .withDescription("Most prompt templates one label may have (all are encoded in one model call).");

    public static final ConfigOption<Integer> MAX_TEXT_BYTES = ConfigOptions.key("source.max-text-bytes")
            .intType().defaultValue(65536)
            .withDescription("Longest caption or candidate caption text, in UTF-8 bytes (the model reads only its first tokens).");
}
