package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.sink.SinkOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Settings every job applies to its environment. */
final class Jobs {
    private Jobs() {}

    static void configure(StreamExecutionEnvironment env, Configuration conf) {
        boolean exactlyOnce = conf.get(SinkOptions.DELIVERY_GUARANTEE) == SinkOptions.Guarantee.EXACTLY_ONCE;
        env.enableCheckpointing(conf.get(JobOptions.CHECKPOINT_INTERVAL).toMillis(),
                exactlyOnce ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        env.setBufferTimeout(conf.get(JobOptions.BUFFER_TIMEOUT).toMillis());
    }
}
