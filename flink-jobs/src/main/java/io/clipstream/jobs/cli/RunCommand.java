package io.clipstream.jobs.cli;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.pipeline.PipelineJob;
import io.clipstream.jobs.launch.PipelineJobs;
import io.clipstream.jobs.runtime.LocalFlink;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.model.ClipModelOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clipstream run match|tag|embed}: one job against any Kafka, locally or on a Flink cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the match, tag or embed job against a Kafka cluster: in this process by default,"
                + " or submitted to a Flink cluster with --flink-rest.")
final class RunCommand implements Callable<Integer> {

    /** The job names of the registry, for picocli's help and completion. */
    static final class JobNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PipelineJobs.names().iterator();
        }
    }

    /** Where a build leaves the thin job jar, under the installation. */
    static final Path BUILT_JOB_JAR = Path.of("deploy", "target", "job", "clipstream-job.jar");

    @Parameters(index = "0", completionCandidates = JobNames.class, description = "The job: ${COMPLETION-CANDIDATES}.")
    String job;

    @Mixin
    PipelineConfig config;

    @Option(names = "--flink-rest", paramLabel = "URL", description = "REST endpoint of a Flink cluster (http://host:8081) to submit to.")
    URI flinkRest;

    @Option(names = "--job-jar", paramLabel = "JAR", description = "With --flink-rest: the job jar to ship"
            + " (default: deploy/target/job/clipstream-job.jar under the installation, else under the working directory;"
            + " built by 'mvn -pl deploy -am -DskipTests package').")
    Path jobJar;

    @Option(names = "--emit-embeddings", description = "match and tag also write embeddings (job.emit-embeddings).")
    boolean emitEmbeddings;

    @Option(names = "--parallelism", description = "Job parallelism (parallelism.default).")
    Integer parallelism;

    @Option(names = "--no-create-topics", negatable = true, description = "Create missing topics first (default: yes).")
    boolean createTopics = true;

    @Override
    public Integer call() throws Exception {
        if (!PipelineJobs.names().contains(job)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "unknown job '" + job
                    + "': one of " + String.join(", ", PipelineJobs.names()));
        }
        Configuration conf = config.toConfiguration();
        // a cluster reads an explicitly named model folder on its own machines: only a local one is checked
        if (flinkRest == null || !conf.contains(EncoderOptions.MODEL_DIR)) {
            conf.set(EncoderOptions.MODEL_DIR, ModelLookup.resolve(this, conf).toString());
        }
        if (emitEmbeddings) {
            conf.set(JobOptions.EMIT_EMBEDDINGS, true);
        }
        if (createTopics) {
            Topics.create(conf.get(SourceOptions.BOOTSTRAP_SERVERS), conf);
        }
        if (flinkRest == null) {
            TorchThreads.share(parallelism != null ? parallelism : conf.getOptional(
                    org.apache.flink.configuration.CoreOptions.DEFAULT_PARALLELISM).orElse(Runtime.getRuntime().availableProcessors()));
        }
        PipelineJob pipeline = PipelineJobs.create(job, conf, ModelLoader.clipModel());
        StreamExecutionEnvironment env = environment(conf);
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        System.err.printf("clipstream: running %s (%s), model %s%n", pipeline.name(),
                flinkRest == null ? "in this process, checkpoints under " + LocalFlink.workDir(conf) : "on " + flinkRest,
                conf.get(EncoderOptions.MODEL_DIR));
        pipeline.execute(env);
        return 0;
    }

    /** The job jar: {@code --job-jar}, else the built one under {@code clipstream.home}, else under the working directory. */
    static Path jobJar(Path given, String home) {
        if (given != null) {
            return given;
        }
        if (home != null && !home.isBlank() && java.nio.file.Files.isRegularFile(Path.of(home).resolve(BUILT_JOB_JAR))) {
            return Path.of(home).resolve(BUILT_JOB_JAR);
        }
        return BUILT_JOB_JAR;
    }

    private StreamExecutionEnvironment environment(Configuration conf) throws Exception {
        if (flinkRest == null) {
            return LocalFlink.environment(conf);
        }
        // the thin job jar carries the project's code and the connector; DJL and the model live on
        // the cluster's class path, never child-first in a job jar
        Path jobJar = jobJar(this.jobJar, System.getProperty(ClipModelOptions.HOME_PROPERTY, System.getenv("CLIPSTREAM_HOME")));
        if (!java.nio.file.Files.isRegularFile(jobJar)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "no job jar at " + jobJar
                    + ": build it with 'mvn -pl deploy -am -DskipTests package' or name one with --job-jar");
        }
        String jar = jobJar.toAbsolutePath().toString();
        int port = flinkRest.getPort() < 0 ? 8081 : flinkRest.getPort();
        return StreamExecutionEnvironment.createRemoteEnvironment(flinkRest.getHost(), port, conf, jar);
    }
}
