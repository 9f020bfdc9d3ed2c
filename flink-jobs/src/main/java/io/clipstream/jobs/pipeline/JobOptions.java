package io.clipstream.jobs.pipeline;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options shared by the jobs. */
@PublicEvolving
public final class JobOptions {
    private JobOptions() {}

    /** How the model is called. */
    public enum EncoderMode {
        /** The batching encoder: one model call per batch (the design). */
        BATCHING,
        /** One model call per record inside a plain function (the baseline benchmarks compare with). */
        PER_RECORD
    }

    public static final ConfigOption<Boolean> EMIT_EMBEDDINGS = ConfigOptions.key("job.emit-embeddings")
            .booleanType().defaultValue(false)
            .withDescription("match and tag jobs also write every embedding to the embeddings topic.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("job.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("Checkpoint interval; with exactly-once delivery outputs become visible at this pace.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOptions.key("job.buffer-timeout")
            .durationType().defaultValue(Duration.ofMillis(5))
            .withDescription("Longest time a record waits in a network buffer between tasks (Flink's default, 100 ms,"
                    + " favours throughput; matches should not wait that long).");

    public static final ConfigOption<EncoderMode> ENCODER_MODE = ConfigOptions.key("job.encoder-mode")
            .enumType(EncoderMode.class).defaultValue(EncoderMode.BATCHING)
            .withDescription("BATCHING (dynamic batches) or PER_RECORD (one model call per record, for comparison).");

    public static final ConfigOption<String> JOB_NAME = ConfigOptions.key("job.name")
            .stringType().noDefaultValue()
            .withDescription("Name of the Flink job; defaults to clipstream-<job>.");
}
