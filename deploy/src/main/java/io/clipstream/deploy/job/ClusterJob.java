package io.clipstream.deploy.job;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.job.EmbedJob;
import io.clipstream.jobs.job.MatchJob;
import io.clipstream.jobs.job.PipelineJob;
import io.clipstream.jobs.job.TagJob;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.source.SourceOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;
import java.util.Map;

/**
 * Runs one of the pipeline's jobs on the cluster it was submitted to:
 *
 * <pre>
 * ClusterJob &lt;match|tag|embed&gt; [key=value | --key value ...]
 * </pre>
 *
 * Keys are the pipeline's option keys ({@code kafka.bootstrap-servers}, {@code topics.images},
 * {@code encoder.model-dir}, {@code sink.delivery-guarantee}, ...). Without {@code encoder.model-dir}
 * the model folder comes from the environment variable {@code CLIPSTREAM_MODEL_DIR} (the image sets it
 * to the bundled model). With {@code CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG} set (on Kubernetes: from the
 * Secret the Strimzi user operator writes), the Kafka clients log in with SCRAM-SHA-512 through the
 * {@code kafka.properties.*} pass-through options. The cluster's own configuration (checkpoint
 * storage, restart strategy) applies.
 */
public final class ClusterJob {

    /** The environment variable naming the model folder when the arguments do not. */
    public static final String MODEL_DIR_ENV = "CLIPSTREAM_MODEL_DIR";

    /** The environment variable holding a SCRAM login ({@code sasl.jaas.config}) for the Kafka clients. */
    public static final String SASL_JAAS_CONFIG_ENV = "CLIPSTREAM_KAFKA_SASL_JAAS_CONFIG";

    /** Whether the entry point creates missing topics before it starts the job (local clusters). */
    public static final ConfigOption<Boolean> CREATE_TOPICS = ConfigOptions.key("topics.create")
            .booleanType().defaultValue(false)
            .withDescription("Create missing topics before the job starts (where the Kafka user may create topics).");

    /** Prefix of the options handed to the Kafka clients unchanged. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    private ClusterJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ClusterJob <match|tag|embed> [key=value ...]");
        }
        Configuration conf = parse(List.of(args).subList(1, args.length), System.getenv());
        PipelineJob job = job(args[0], conf);
        if (conf.get(CREATE_TOPICS)) {
            Topics.create(conf.get(SourceOptions.BOOTSTRAP_SERVERS), conf);
        }
        job.execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /** The job named {@code name}, configured by {@code conf}, with the project's CLIP model. */
    static PipelineJob job(String name, Configuration conf) {
        return switch (name) {
            case "match" -> MatchJob.fromConfiguration(conf, ModelLoader.clipModel());
            case "tag" -> TagJob.fromConfiguration(conf, ModelLoader.clipModel());
            case "embed" -> EmbedJob.fromConfiguration(conf, ModelLoader.clipModel());
            default -> throw new IllegalArgumentException("unknown job " + name + " (match, tag or embed)");
        };
    }

    /** {@code key=value}, {@code --key=value} and {@code --key value} arguments as a configuration. */
    public static Configuration parse(List<String> args, Map<String, String> env) {
        Configuration conf = new Configuration();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).startsWith("--") ? args.get(i).substring(2) : args.get(i);
            int eq = arg.indexOf('=');
            if (eq > 0) {
                conf.setString(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (args.get(i).startsWith("--") && i + 1 < args.size()) {
                conf.setString(arg, args.get(++i));
            } else {
                throw new IllegalArgumentException("expected key=value, got " + args.get(i));
            }
        }
        if (!conf.contains(EncoderOptions.MODEL_DIR) && env.get(MODEL_DIR_ENV) != null) {
            conf.set(EncoderOptions.MODEL_DIR, env.get(MODEL_DIR_ENV));
        }
        String jaas = env.get(SASL_JAAS_CONFIG_ENV);
        if (jaas != null && !jaas.isBlank()) {
            setIfAbsent(conf, KAFKA_PROPERTIES_PREFIX + "security.protocol", "SASL_PLAINTEXT");
            setIfAbsent(conf, KAFKA_PROPERTIES_PREFIX + "sasl.mechanism", "SCRAM-SHA-512");
            setIfAbsent(conf, KAFKA_PROPERTIES_PREFIX + "sasl.jaas.config", jaas);
        }
        return conf;
    }

    private static void setIfAbsent(Configuration conf, String key, String value) {
        if (!conf.containsKey(key)) {
            conf.setString(key, value);
        }
    }
}
