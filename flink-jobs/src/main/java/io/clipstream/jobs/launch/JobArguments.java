package io.clipstream.jobs.launch;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.source.KafkaClientProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;

/**
 * The one parser from what a user writes to a job configuration: {@code key=value} /
 * {@code --key value} arguments, {@code key: value} lines of a configuration file, and the
 * launcher's environment variables. The keys are the options' keys everywhere.
 */
@PublicEvolving
public final class JobArguments {

    private JobArguments() {}

    /** {@code key=value}, {@code --key=value} and {@code --key value} arguments as a map, in order. */
    public static Map<String, String> parse(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).startsWith("--") ? args.get(i).substring(2) : args.get(i);
            int eq = arg.indexOf('=');
            if (eq > 0) {
                out.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (args.get(i).startsWith("--") && i + 1 < args.size()) {
                out.put(arg, args.get(++i));
            } else {
                throw new IllegalArgumentException("expected key=value, got " + args.get(i));
            }
        }
        return out;
    }

    /** The {@code key: value} (or {@code key=value}) lines of a configuration file; {@code #} starts a comment line. */
    public static Map<String, String> parseLines(Iterable<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            int eq = line.indexOf('=');
            int at = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (at <= 0) {
                throw new IllegalArgumentException("not a 'key: value' line: " + raw);
            }
            out.put(line.substring(0, at).strip(), unquote(line.substring(at + 1).strip()));
        }
        return out;
    }

    /**
     * Adds what the environment says and {@code conf} does not: the model folder of
     * {@value LaunchOptions#MODEL_DIR_ENV}; with {@value LaunchOptions#SASL_JAAS_CONFIG_ENV}, a
     * SCRAM-SHA-512 login through the {@code kafka.properties.*} pass-through options.
     */
    public static Configuration withEnvironment(Configuration conf, Map<String, String> env) {
        if (!conf.contains(EncoderOptions.MODEL_DIR) && env.get(LaunchOptions.MODEL_DIR_ENV) != null) {
            conf.set(EncoderOptions.MODEL_DIR, env.get(LaunchOptions.MODEL_DIR_ENV));
        }
        String jaas = env.get(LaunchOptions.SASL_JAAS_CONFIG_ENV);
        if (jaas != null && !jaas.isBlank()) {
            setIfAbsent(conf, KafkaClientProperties.PREFIX + "security.protocol", "SASL_PLAINTEXT");
            setIfAbsent(conf, KafkaClientProperties.PREFIX + "sasl.mechanism", "SCRAM-SHA-512");
            setIfAbsent(conf, KafkaClientProperties.PREFIX + "sasl.jaas.config", jaas);
        }
        return conf;
    }

    private static void setIfAbsent(Configuration conf, String key, String value) {
        if (!conf.containsKey(key)) {
            conf.setString(key, value);
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
