package io.clipstream.jobs.pipeline;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A clipstream job: builds its graph on an environment, then runs it. */
@PublicEvolving
public interface PipelineJob {

    /** The Flink job name. */
    String name();

    /** Adds this job's operators to {@code env}. */
    void build(StreamExecutionEnvironment env);

    /** Builds and runs the job until it ends (bounded sources) or fails. */
    default JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute(name());
    }

    /** Builds and submits the job, returning at once. */
    default JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync(name());
    }
}
