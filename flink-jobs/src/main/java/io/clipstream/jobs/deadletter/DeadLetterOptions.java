package io.clipstream.jobs.deadletter;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the dead-letter output. */
@PublicEvolving
public final class DeadLetterOptions {
    private DeadLetterOptions() {}

    public static final ConfigOption<String> TOPIC = ConfigOptions.key("topics.dead-letters")
            .stringType().defaultValue("clipstream.dead-letters")
            .withDescription("Topic that receives every refused input record.");

    public static final ConfigOption<Integer> MAX_ORIGINAL_BYTES = ConfigOptions.key("dead-letters.max-original-bytes")
            .intType().defaultValue(64 * 1024)
            .withDescription("Original record bytes kept on a dead letter; longer values are cut (originalSize keeps the length).");
}
