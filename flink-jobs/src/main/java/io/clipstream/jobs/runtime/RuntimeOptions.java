package io.clipstream.jobs.runtime;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the embedded runtime and of topic creation. */
@PublicEvolving
public final class RuntimeOptions {
    private RuntimeOptions() {}

    /** Where keyed state lives while an in-process job runs. */
    public enum StateBackend {
        /** Objects on the JVM heap (fast; state must fit the heap). */
        HASHMAP,
        /** RocksDB files on local disk (state may outgrow the heap; incremental checkpoints). */
        ROCKSDB
    }

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

    public static final ConfigOption<String> WORK_DIR = ConfigOptions.key("job.work-dir")
            .stringType().defaultValue("work-data")
            .withDescription("Folder of the in-process runs' (run, demo) checkpoints and RocksDB files;"
                    + " a relative path resolves against the working directory.");

    public static final ConfigOption<StateBackend> STATE_BACKEND = ConfigOptions.key("job.state-backend")
            .enumType(StateBackend.class).defaultValue(StateBackend.HASHMAP)
            .withDescription("State backend of in-process runs: HASHMAP (heap) or ROCKSDB (local disk); checkpoints"
                    + " always go to files under job.work-dir.");

    public static final ConfigOption<String> BIND_ADDRESS = ConfigOptions.key("job.bind-address")
            .stringType().defaultValue("127.0.0.1")
            .withDescription("Address the in-process Flink endpoints (REST, blob server) and the demo's broker listen on;"
                    + " 0.0.0.0 listens on every interface.");
}
