package io.clipstream.jobs.tag;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Options of the tagging operator: typed keys with defaults and descriptions, and the immutable
 * settings it is built with.
 *
 * <pre>{@code
 * TagOptions options = TagOptions.builder().optTopK(5).optMinProbability(0.05f).build();
 * }</pre>
 */
@PublicEvolving
public final class TagOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ConfigOption<Integer> TOP_K = ConfigOptions.key("tag.top-k")
            .intType()
            .defaultValue(5)
            .withDescription("Most labels reported per image.");

    public static final ConfigOption<Float> MIN_SCORE = ConfigOptions.key("tag.min-score")
            .floatType()
            .defaultValue(-1.0f)
            .withDescription("Lowest cosine of image and label a reported label may have (-1 keeps all).");

    public static final ConfigOption<Float> MIN_PROBABILITY = ConfigOptions.key("tag.min-probability")
            .floatType()
            .defaultValue(0.01f)
            .withDescription("Lowest probability over the vocabulary a reported label may have.");

    public static final ConfigOption<String> DEFAULT_VOCABULARY = ConfigOptions.key("tag.default-vocabulary")
            .stringType()
            .defaultValue("default")
            .withDescription("The vocabulary used for images that name none.");

    private final int topK;
    private final float minScore;
    private final float minProbability;
    private final String defaultVocabulary;

    private TagOptions(Builder b) {
        this.topK = b.topK;
        this.minScore = b.minScore;
        this.minProbability = b.minProbability;
        this.defaultVocabulary = b.defaultVocabulary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads every option from a Flink configuration, defaults where unset. */
    public static TagOptions fromConfiguration(Configuration conf) {
        return builder()
                .optTopK(conf.get(TOP_K))
                .optMinScore(conf.get(MIN_SCORE))
                .optMinProbability(conf.get(MIN_PROBABILITY))
                .optDefaultVocabulary(conf.get(DEFAULT_VOCABULARY))
                .build();
    }

    public int topK() {
        return topK;
    }

    public float minScore() {
        return minScore;
    }

    public float minProbability() {
        return minProbability;
    }

    public String defaultVocabulary() {
        return defaultVocabulary;
    }

    /** Builder: every value is optional ({@code optX}); {@link #build()} validates. */
    public static final class Builder {
        private int topK = TOP_K.defaultValue();
        private float minScore = MIN_SCORE.defaultValue();
        private float minProbability = MIN_PROBABILITY.defaultValue();
        private String defaultVocabulary = DEFAULT_VOCABULARY.defaultValue();

        private Builder() {}

        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        public Builder optMinScore(float minScore) {
            this.minScore = minScore;
            return this;
        }

        public Builder optMinProbability(float minProbability) {
            this.minProbability = minProbability;
            return this;
        }

        public Builder optDefaultVocabulary(String defaultVocabulary) {
            this.defaultVocabulary = defaultVocabulary;
            return this;
        }

        public TagOptions build() {
            if (topK < 1) {
                throw new IllegalArgumentException(TOP_K.key() + " must be at least 1, got " + topK);
            }
            if (!(minProbability >= 0f && minProbability <= 1f)) {
                throw new IllegalArgumentException(MIN_PROBABILITY.key() + " must be in [0, 1], got " + minProbability);
            }
            if (!(minScore >= -1f && minScore <= 1f)) {
                throw new IllegalArgumentException(MIN_SCORE.key() + " must be in [-1, 1], got " + minScore);
            }
            if (defaultVocabulary == null || defaultVocabulary.isBlank()) {
                throw new IllegalArgumentException(DEFAULT_VOCABULARY.key() + " must not be empty");
            }
            return new TagOptions(this);
        }
    }
}
