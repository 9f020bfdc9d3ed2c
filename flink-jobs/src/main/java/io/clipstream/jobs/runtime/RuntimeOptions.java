package io.clipstream.jobs.runtime;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the embedded runtime and of topic creation. */
public final class RuntimeOptions {
    private RuntimeOptions() {}

    public static final ConfigOption<Integer> PARTITIONS = ConfigOptions.key("topics.partitions")
            .intType().defaultValue(2)
            .withDescription("Partitions of each topic the pipeline creates when it is missing.");

    public static final ConfigOption<Integer> REPLICATION = ConfigOptions.key("topics.replication-factor")
            .intType().defaultValue(1)
            .withDescription("Replication factor of the topics the pipeline creates.");

    public static final ConfigOption<Integer> BROKER_TRANSACTION_MAX_TIMEOUT_MS = ConfigOptions
            .key("embedded-kafka.transaction-max-timeout-ms")
            .intType().defaultValue(900_000)
            .withDescription("transaction.max.timeout.ms of the in-process broker; sink transaction timeouts stay below it.");
}
