package io.clipstream.jobs.source;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;

/**
 * Kafka client settings passed through from the job configuration: every key
 * {@code kafka.properties.<client key>} becomes {@code <client key>} on the sources' consumers and the
 * sinks' producers (security settings such as {@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, TLS stores). Settings the pipeline relies on for correctness
 * ({@code isolation.level}, {@code transaction.timeout.ms}) are applied after these and win.
 */
@Internal
public final class KafkaClientProperties {

    /** Prefix of the pass-through keys. */
    public static final String PREFIX = "kafka.properties.";

    private KafkaClientProperties() {}

    /** The client properties named in {@code conf}, prefix removed; empty when there are none. */
    public static Properties from(Configuration conf) {
        Properties props = new Properties();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            if (e.getKey().startsWith(PREFIX) && e.getKey().length() > PREFIX.length()) {
                props.setProperty(e.getKey().substring(PREFIX.length()), e.getValue());
            }
        }
        return props;
    }
}
