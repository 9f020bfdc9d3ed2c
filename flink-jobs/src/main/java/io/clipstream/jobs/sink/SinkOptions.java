package io.clipstream.jobs.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the Kafka sinks: output topics, delivery guarantee, transactions. */
@PublicEvolving
public final class SinkOptions {
    private SinkOptions() {}

    /** How outputs are delivered. */
    public enum Guarantee {
        /** Kafka transactions committed on checkpoints; consumers read with read_committed. */
        EXACTLY_ONCE,
        /** Flushed on checkpoints; duplicates possible after a failure, lowest latency. */
        AT_LEAST_ONCE
    }

    public static final ConfigOption<String> MATCHES_TOPIC = ConfigOptions.key("topics.matches")
            .stringType().defaultValue("clipstream.matches").withDescription("Topic of MatchEvent records.");

    public static final ConfigOption<String> TAGS_TOPIC = ConfigOptions.key("topics.tags")
            .stringType().defaultValue("clipstream.tags").withDescription("Topic of TagEvent records.");

    public static final ConfigOption<String> EMBEDDINGS_TOPIC = ConfigOptions.key("topics.embeddings")
            .stringType().defaultValue("clipstream.embeddings").withDescription("Topic of EmbeddingEvent records.");

    public static final ConfigOption<Guarantee> DELIVERY_GUARANTEE = ConfigOptions.key("sink.delivery-guarantee")
            .enumType(Guarantee.class).defaultValue(Guarantee.EXACTLY_ONCE)
            .withDescription("EXACTLY_ONCE (transactions, visible at each checkpoint) or AT_LEAST_ONCE (lowest latency).");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("sink.transactional-id-prefix")
            .stringType().defaultValue("clipstream")
            .withDescription("Prefix of the Kafka transactional ids; unique per job on a cluster (the sink name is appended).");

    public static final ConfigOption<Integer> TRANSACTION_TIMEOUT_MS = ConfigOptions.key("sink.transaction-timeout-ms")
            .intType().defaultValue(600_000)
            .withDescription("transaction.timeout.ms of the producers; must stay below the broker's transaction.max.timeout.ms (default 900000).");

    public static final ConfigOption<String> CE_SOURCE = ConfigOptions.key("sink.cloudevents-source")
            .stringType().defaultValue("/clipstream")
            .withDescription("ce_source header of every output event; the job name is appended.");

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = ConfigOptions.key("sink.max-record-bytes")
            .intType().defaultValue(1024 * 1024 - RecordLimits.REQUEST_OVERHEAD_BYTES)
            .withDescription("Largest output record (key + value + headers); a larger result becomes an OUTPUT_TOO_LARGE"
                    + " dead letter. The producers' max.request.size is this plus 1024, which every output topic's"
                    + " max.message.bytes must reach.");
}
