package io.clipstream.jobs.encode;

import org.apache.flink.annotation.PublicEvolving;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Options of the batching encoder: the typed keys, defaults and descriptions, and the immutable,
 * serializable settings an operator is built with.
 *
 * <pre>{@code
 * EncoderOptions options = EncoderOptions.builder()
 *         .setModelDir("models/clipstream-emoji-small")
 *         .optMaxBatchSize(32)
 *         .optMaxDelay(Duration.ofMillis(10))
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class EncoderOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<Integer> MAX_BATCH_SIZE = ConfigOptions.key("encoder.max-batch-size")
            .intType()
            .defaultValue(32)
            .withDescription("Most records encoded in one model call; a full batch is encoded at once.");

    public static final ConfigOption<Duration> MAX_DELAY = ConfigOptions.key("encoder.max-delay")
            .durationType()
            .defaultValue(Duration.ofMillis(10))
            .withDescription("Longest time the oldest record of a batch waits before the batch is encoded anyway.");

    public static final ConfigOption<Duration> IDLE_FLUSH = ConfigOptions.key("encoder.idle-flush")
            .durationType()
            .defaultValue(Duration.ZERO)
            .withDescription("Encode a waiting batch once no record has arrived for this long, before encoder.max-delay"
                    + " (0: only a full batch or encoder.max-delay); a gap of 1 ms or less may be a tick of the"
                    + " millisecond clock, not a pause of the input.");

    public static final ConfigOption<Double> MAX_DELAY_SHARE = ConfigOptions.key("encoder.max-delay-share")
            .doubleType()
            .defaultValue(0.1)
            .withDescription("A waiting batch may also wait up to this share of the time the model took, per record, for"
                    + " a full batch (measured on this subtask), when that is longer than encoder.max-delay: a slow model"
                    + " (a large one on the CPU) then gets full batches for at most this share more latency, a fast one"
                    + " keeps encoder.max-delay (0: encoder.max-delay only).");

    public static final ConfigOption<Integer> IN_FLIGHT_BATCHES = ConfigOptions.key("encoder.in-flight-batches")
            .intType()
            .noDefaultValue()
            .withDescription("Batches handed to the encoder's own model thread and not yet emitted: while the model encodes"
                    + " them, the task thread goes on reading, decoding and batching the next records, and a batch that"
                    + " filled or came due meanwhile goes to the model as soon as it is free; when the limit is reached the"
                    + " task thread waits, so backpressure reaches the sources. 0 encodes on the task thread. Unset: 1 on a"
                    + " GPU (and the simulated accelerator), 0 on the CPU, where the model would take the cores the task"
                    + " thread decodes on.");

    public static final ConfigOption<String> MODEL_DIR = ConfigOptions.key("encoder.model-dir")
            .stringType()
            .noDefaultValue()
            .withDescription("Folder of the CLIP model (Hugging Face layout) the encoder loads.");

    public static final ConfigOption<String> DEVICE = ConfigOptions.key("encoder.device")
            .stringType()
            .defaultValue(DeviceSelector.AUTO)
            .withDescription("'auto' (the GPU Flink assigned through the external resource 'gpu', else CPU),"
                    + " 'cpu', or 'gpu:<index>'.");

    public static final ConfigOption<Boolean> HALF_PRECISION = ConfigOptions.key("encoder.half-precision")
            .booleanType()
            .defaultValue(false)
            .withDescription("Run the model in float16 on a GPU (about twice the throughput); ignored on the CPU.");

    public static final ConfigOption<Duration> SIMULATE = ConfigOptions.key("encoder.simulate")
            .durationType()
            .noDefaultValue()
            .withDescription("Benchmarks only, read by bench pipeline: a simulated accelerator replaces the model, waiting"
                    + " this long per batch and returning fixed unit vectors, to measure the pipeline's own ceiling.");

    private final int maxBatchSize;
    private final long maxDelayMs;
    private final long idleFlushMs;
    private final double maxDelayShare;
    /** Null: chosen by the device. */
    private final Integer inFlightBatches;
    private final String modelDir;
    private final String device;
    private final boolean halfPrecision;

    private EncoderOptions(Builder b) {
        this.maxBatchSize = b.maxBatchSize;
        this.maxDelayMs = b.maxDelay.toMillis();
        this.idleFlushMs = b.idleFlush.toMillis();
        if (!(b.maxDelayShare >= 0 && b.maxDelayShare <= 1)) {
            throw new IllegalArgumentException(MAX_DELAY_SHARE.key() + " must be between 0 and 1, not " + b.maxDelayShare);
        }
        this.maxDelayShare = b.maxDelayShare;
        this.inFlightBatches = b.inFlightBatches;
        this.modelDir = b.modelDir;
        this.device = b.device;
        this.halfPrecision = b.halfPrecision;
    }

    /** Starts a builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads the options from a Flink configuration; {@link #MODEL_DIR} is required. */
    public static EncoderOptions fromConfiguration(Configuration conf) {
        return builder()
                .setModelDir(conf.get(MODEL_DIR))
                .optMaxBatchSize(conf.get(MAX_BATCH_SIZE))
                .optMaxDelay(conf.get(MAX_DELAY))
                .optIdleFlush(conf.get(IDLE_FLUSH))
                .optMaxDelayShare(conf.get(MAX_DELAY_SHARE))
                .optInFlightBatches(conf.getOptional(IN_FLIGHT_BATCHES).orElse(null))
                .optDevice(conf.get(DEVICE))
                .optHalfPrecision(conf.get(HALF_PRECISION))
                .build();
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public long maxDelayMs() {
        return maxDelayMs;
    }

    /** Milliseconds without a new record after which a waiting batch is encoded; 0 for never. */
    public long idleFlushMs() {
        return idleFlushMs;
    }

    /** Share of a full batch's measured encode time a waiting batch may wait, beyond {@link #maxDelayMs()}. */
    public double maxDelayShare() {
        return maxDelayShare;
    }

    /**
     * Batches the model thread may hold at once, 0 when the task thread encodes: as set, or else 1 on
     * an accelerator and 0 on the CPU.
     */
    public int inFlightBatches(boolean accelerator) {
        return inFlightBatches != null ? inFlightBatches : accelerator ? 1 : 0;
    }

    public String modelDir() {
        return modelDir;
    }

    public String device() {
        return device;
    }

    public boolean halfPrecision() {
        return halfPrecision;
    }

    @Override
    public String toString() {
        return "EncoderOptions{maxBatchSize=" + maxBatchSize + ", maxDelayMs=" + maxDelayMs + ", idleFlushMs=" + idleFlushMs
                + ", maxDelayShare=" + maxDelayShare + ", inFlightBatches=" + inFlightBatches
                + ", modelDir=" + modelDir
                + ", device=" + device + ", halfPrecision=" + halfPrecision + "}";
    }

    /** Builder: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private int maxBatchSize = MAX_BATCH_SIZE.defaultValue();
        private Duration maxDelay = MAX_DELAY.defaultValue();
        private Duration idleFlush = IDLE_FLUSH.defaultValue();
        private double maxDelayShare = MAX_DELAY_SHARE.defaultValue();
        private Integer inFlightBatches;
        private String modelDir;
        private String device = DEVICE.defaultValue();
        private boolean halfPrecision = HALF_PRECISION.defaultValue();

        private Builder() {}

        public Builder setModelDir(String modelDir) {
            this.modelDir = modelDir;
            return this;
        }

        public Builder optMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        public Builder optMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public Builder optIdleFlush(Duration idleFlush) {
            this.idleFlush = idleFlush;
            return this;
        }

        public Builder optMaxDelayShare(double maxDelayShare) {
            this.maxDelayShare = maxDelayShare;
            return this;
        }

        /** Null (the default) leaves the choice to the device. */
        public Builder optInFlightBatches(Integer inFlightBatches) {
            this.inFlightBatches = inFlightBatches;
            return this;
        }

        public Builder optDevice(String device) {
            this.device = device;
            return this;
        }

        public Builder optHalfPrecision(boolean halfPrecision) {
            this.halfPrecision = halfPrecision;
            return this;
        }

        public EncoderOptions build() {
            Objects.requireNonNull(modelDir, MODEL_DIR.key() + " is required");
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException(MAX_BATCH_SIZE.key() + " must be at least 1, got " + maxBatchSize);
            }
            if (maxDelay == null || maxDelay.isNegative()) {
                throw new IllegalArgumentException(MAX_DELAY.key() + " must not be negative, got " + maxDelay);
            }
            if (idleFlush == null || idleFlush.isNegative()) {
                throw new IllegalArgumentException(IDLE_FLUSH.key() + " must not be negative, got " + idleFlush);
            }
            if (inFlightBatches != null && inFlightBatches < 0) {
                throw new IllegalArgumentException(IN_FLIGHT_BATCHES.key() + " must not be negative, got " + inFlightBatches);
            }
            DeviceSelector.validate(device);
            return new EncoderOptions(this);
        }
    }
}
