package io.clipstream.align;

/** Turns the cosine of a pair into a {@link Decision}. */
@FunctionalInterface
public interface ThresholdPolicy {

    Decision decide(float cosine);

    /** {@link Decision#MATCH} when the cosine reaches {@code threshold} (a calibrated model's {@code match_threshold}). */
    static ThresholdPolicy atLeast(float threshold) {
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number");
        }
        return cosine -> cosine >= threshold ? Decision.MATCH : Decision.NO_MATCH;
    }
}
