package io.clipstream.jobs.launch;

import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.pipeline.EmbedJob;
import io.clipstream.jobs.pipeline.MatchJob;
import io.clipstream.jobs.pipeline.PipelineJob;
import io.clipstream.jobs.pipeline.TagJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;

/**
 * The registry of the pipeline's jobs by name. A new job is one line here: its name and the
 * factory that builds it on Kafka from a configuration.
 *
 * <pre>{@code
 * PipelineJobs.create("tag", conf, ModelLoader.clipModel()).execute(env);
 * }</pre>
 */
@PublicEvolving
public final class PipelineJobs {

    /** Builds a job on Kafka, as the configuration says. */
    @FunctionalInterface
    public interface Factory {
        PipelineJob create(Configuration conf, ModelLoader loader);
    }

    private static final Map<String, Factory> JOBS = new LinkedHashMap<>();

    static {
        JOBS.put("match", MatchJob::fromConfiguration);
        JOBS.put("tag", TagJob::fromConfiguration);
        JOBS.put("embed", EmbedJob::fromConfiguration);
    }

    private PipelineJobs() {}

    /** The job names, in the order they are listed to users. */
    public static List<String> names() {
        return new ArrayList<>(JOBS.keySet());
    }

    /**
     * The job named {@code name}, configured by {@code conf}, with the model {@code loader} loads.
     *
     * @throws IllegalArgumentException for a name that is no job, listing the names there are
     */
    public static PipelineJob create(String name, Configuration conf, ModelLoader loader) {
        Factory factory = name == null ? null : JOBS.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown job " + name + " (" + String.join(", ", JOBS.keySet()) + ")");
        }
        return factory.create(conf, loader);
    }
}
