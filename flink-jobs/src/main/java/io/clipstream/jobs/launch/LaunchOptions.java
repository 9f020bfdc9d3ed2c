package io.clipstream.jobs.launch;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the launcher itself, read before a job is built, and the environment it reads. */
@PublicEvolving
public final class LaunchOptions {

    /** Whether the launcher creates missing topics before it starts the job. */
    public static final ConfigOption<Boolean> CREATE_TOPICS = ConfigOptions.key("topics.create")
            .booleanType().defaultValue(false)
            .withDescription("Cluster entry point: create missing topics before the job starts (where the Kafka user "
                    + "may create topics); clipstream run creates them unless --no-create-topics.");

    /** The environment variable naming the model folder when the arguments do not. */
    public static final String MODEL_DIR_ENV = "CLIPSTREAM_MODEL_DIR";

    /** The environment variable holding a SCRAM login ({@code sasl.jaas.config}) for the Kafka clients. */
    public static final String SASL_JAAS_CONFIG_ENV = "CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG";

    private LaunchOptions() {}
}
