package io.clipstream.jobs.launch;

import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.pipeline.PipelineJob;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.source.SourceOptions;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs one of the pipeline's jobs on the cluster it was submitted to:
 *
 * <pre>
 * ClusterEntryPoint &lt;match|tag|embed&gt; [key=value | --key value ...]
 * </pre>
 *
 * Keys are the pipeline's option keys ({@code kafka.bootstrap-servers}, {@code topics.images},
 * {@code encoder.model-dir}, {@code sink.delivery-guarantee}, ...). Without {@code encoder.model-dir}
 * the model folder comes from the environment variable {@value LaunchOptions#MODEL_DIR_ENV} (the image
 * sets it to the bundled model). With {@value LaunchOptions#SASL_JAAS_CONFIG_ENV} set (on Kubernetes:
 * from the Secret the Strimzi user operator writes), the Kafka clients log in with SCRAM-SHA-512
 * through the {@code kafka.properties.*} pass-through options. The cluster's own configuration
 * (checkpoint storage, restart strategy) applies.
 */
@PublicEvolving
public final class ClusterEntryPoint {

    private ClusterEntryPoint() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ClusterEntryPoint <" + String.join("|", PipelineJobs.names())
                    + "> [key=value ...]");
        }
        Configuration conf = configuration(List.of(args).subList(1, args.length), System.getenv());
        PipelineJob job = PipelineJobs.create(args[0], conf, ModelLoader.clipModel());
        if (conf.get(LaunchOptions.CREATE_TOPICS)) {
            Topics.create(conf.get(SourceOptions.BOOTSTRAP_SERVERS), conf);
        }
        job.execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /** The job configuration of the arguments after the job name, completed from {@code env}. */
    public static Configuration configuration(List<String> args, Map<String, String> env) {
        return JobArguments.withEnvironment(Configuration.fromMap(JobArguments.parse(args)), env);
    }
}
