package io.clipstream.jobs.event;

import io.clipstream.align.Decision;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One scored image-caption pair: the cosine of their vectors, the probability of the pair among
 * the candidates it competed with (by the model family's {@code ScoringRule}: the softmax of
 * {@code logitScale * cosine}, or SigLIP's per-pair sigmoid), its rank among them and
 * the threshold decision.
 */
@PublicEvolving
public class MatchResult {

    public String imageId;
    public String captionId;
    /** The caption's text where the operator has it (candidate captions, keyed matching); may be {@code null}. */
    public String captionText;
    /** Correlation key, {@code null} for keyless matching. */
    public String key;
    public float cosine;
    public float probability;
    /** 1 for the best candidate. */
    public int rank;
    public Decision decision;
    /** The policy that produced the pair, as {@code MatchOptions} names it. */
    public String policy;
    public String modelId;
    /** Timings of the record whose arrival produced this result. */
    public Timings timings;
    /** When the operator emitted the result, epoch milliseconds. */
    public long matchedMs;

    public MatchResult() {}

    @Override
    public String toString() {
        return "MatchResult{image=" + imageId + ", caption=" + captionId + ", key=" + key + ", cosine=" + cosine
                + ", p=" + probability + ", rank=" + rank + ", " + decision + ", policy=" + policy + "}";
    }
}
