package io.clipstream.jobs.match;

import io.clipstream.align.AlignmentPolicy;
import io.clipstream.align.ThresholdPolicy;
import io.clipstream.eval.ModelMetadata;
import io.clipstream.jobs.encode.EncoderOptions;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Options of the matching operators: typed keys with defaults and descriptions, and the immutable
 * settings the operators are built with.
 *
 * <pre>{@code
 * MatchOptions options = MatchOptions.builder()
 *         .optPolicy("one-to-one")
 *         .optThreshold(calibratedThreshold)
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class MatchOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<String> POLICY = ConfigOptions.key("match.policy")
            .stringType()
            .defaultValue("best-caption-per-image")
            .withDescription("Keyed matching policy: best-caption-per-image, best-image-per-caption or one-to-one.");

    public static final ConfigOption<Float> THRESHOLD = ConfigOptions.key("match.threshold")
            .floatType()
            .defaultValue(0.25f)
            .withDescription("Cosine at or above which a pair is a MATCH; when unset, the model folder's calibrated"
                    + " match_threshold (clipstream.json), else 0.25.");

    public static final ConfigOption<Integer> MAX_PER_KEY = ConfigOptions.key("match.max-per-key")
            .intType()
            .defaultValue(16)
            .withDescription("Most images and most captions kept per correlation key; the oldest is evicted first.");

    public static final ConfigOption<Duration> STATE_TTL = ConfigOptions.key("match.state-ttl")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("How long images and captions of a key are kept after they arrive (processing time).");

    public static final ConfigOption<Integer> TOP_K = ConfigOptions.key("match.top-k")
            .intType()
            .defaultValue(3)
            .withDescription("Keyless matching: how many images are reported per caption.");

    public static final ConfigOption<Integer> WINDOW_SIZE = ConfigOptions.key("match.window-size")
            .intType()
            .defaultValue(1024)
            .withDescription("Keyless matching: most recent images each parallel subtask keeps.");

    public static final ConfigOption<Duration> WINDOW_MAX_AGE = ConfigOptions.key("match.window-max-age")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("Keyless matching: images older than this (processing time) leave the window.");

    public static final ConfigOption<Duration> MERGE_TIMEOUT = ConfigOptions.key("match.merge-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("Keyless matching: longest wait for every subtask's partial top-k of a caption.");

    private final String policy;
    private final float threshold;
    private final int maxPerKey;
    private final long stateTtlMs;
    private final int topK;
    private final int windowSize;
    private final long windowMaxAgeMs;
    private final long mergeTimeoutMs;

    private MatchOptions(Builder b) {
        this.policy = b.policy;
        this.threshold = b.threshold;
        this.maxPerKey = b.maxPerKey;
        this.stateTtlMs = b.stateTtl.toMillis();
        this.topK = b.topK;
        this.windowSize = b.windowSize;
        this.windowMaxAgeMs = b.windowMaxAge.toMillis();
        this.mergeTimeoutMs = b.mergeTimeout.toMillis();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every option from a Flink configuration, defaults where unset. Without an explicit
     * {@link #THRESHOLD}, the threshold calibrated for the model in {@code encoder.model-dir} is used
     * when its folder has one.
     */
    public static MatchOptions fromConfiguration(Configuration conf) {
        float threshold = conf.getOptional(THRESHOLD)
                .or(() -> conf.getOptional(EncoderOptions.MODEL_DIR).flatMap(d -> calibratedThreshold(Path.of(d))))
                .orElse(THRESHOLD.defaultValue());
        return builder()
                .optPolicy(conf.get(POLICY))
                .optThreshold(threshold)
                .optMaxPerKey(conf.get(MAX_PER_KEY))
                .optStateTtl(conf.get(STATE_TTL))
                .optTopK(conf.get(TOP_K))
                .optWindowSize(conf.get(WINDOW_SIZE))
                .optWindowMaxAge(conf.get(WINDOW_MAX_AGE))
                .optMergeTimeout(conf.get(MERGE_TIMEOUT))
                .build();
    }

    public AlignmentPolicy policy() {
        return AlignmentPolicy.byName(policy);
    }

    public String policyName() {
        return policy;
    }

    public float threshold() {
        return threshold;
    }

    public ThresholdPolicy thresholdPolicy() {
        return ThresholdPolicy.atLeast(threshold);
    }

    public int maxPerKey() {
        return maxPerKey;
    }

    public long stateTtlMs() {
        return stateTtlMs;
    }

    public int topK() {
        return topK;
    }

    public int windowSize() {
        return windowSize;
    }

    public long windowMaxAgeMs() {
        return windowMaxAgeMs;
    }

    public long mergeTimeoutMs() {
        return mergeTimeoutMs;
    }

    /** Builder: every value is optional ({@code optX}); {@link #build()} validates. */
    public static final class Builder {
        private String policy = POLICY.defaultValue();
        private float threshold = THRESHOLD.defaultValue();
        private int maxPerKey = MAX_PER_KEY.defaultValue();
        private Duration stateTtl = STATE_TTL.defaultValue();
        private int topK = TOP_K.defaultValue();
        private int windowSize = WINDOW_SIZE.defaultValue();
        private Duration windowMaxAge = WINDOW_MAX_AGE.defaultValue();
        private Duration mergeTimeout = MERGE_TIMEOUT.defaultValue();

        private Builder() {}

        public Builder optPolicy(String policy) {
            this.policy = policy;
            return this;
        }

        public Builder optThreshold(float threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder optMaxPerKey(int maxPerKey) {
            this.maxPerKey = maxPerKey;
            return this;
        }

        public Builder optStateTtl(Duration stateTtl) {
            this.stateTtl = stateTtl;
            return this;
        }

        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        public Builder optWindowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        public Builder optWindowMaxAge(Duration windowMaxAge) {
            this.windowMaxAge = windowMaxAge;
            return this;
        }

        public Builder optMergeTimeout(Duration mergeTimeout) {
            this.mergeTimeout = mergeTimeout;
            return this;
        }

        public MatchOptions build() {
            AlignmentPolicy.byName(policy);
            ThresholdPolicy.atLeast(threshold);
            positive(MAX_PER_KEY, maxPerKey);
            positive(TOP_K, topK);
            positive(WINDOW_SIZE, windowSize);
            positive(STATE_TTL, stateTtl);
            positive(WINDOW_MAX_AGE, windowMaxAge);
            positive(MERGE_TIMEOUT, mergeTimeout);
            return new MatchOptions(this);
        }

        private static void positive(ConfigOption<?> option, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(option.key() + " must be at least 1, got " + value);
            }
        }

        private static void positive(ConfigOption<?> option, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(option.key() + " must be a positive duration, got " + value);
            }
        }
    }

    /** The {@code match_threshold} that calibration stored in the model folder, when there is one. */
    private static Optional<Float> calibratedThreshold(Path modelDir) {
        try {
            double t = ModelMetadata.readThreshold(modelDir);
            return Double.isNaN(t) ? Optional.empty() : Optional.of((float) t);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelDir.resolve(ModelMetadata.FILE), e);
        }
    }
}
