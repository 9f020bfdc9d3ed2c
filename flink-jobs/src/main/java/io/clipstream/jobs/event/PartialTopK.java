package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One subtask's best images for one caption in keyless matching, with what the merge needs to
 * compute exact probabilities over every image all subtasks held: the log-sum-exp of
 * {@code logitScale * cosine} over the subtask's whole window and the window size.
 */
@PublicEvolving
public class PartialTopK {

    public String captionId;
    public String captionKey;
    public String captionText;
    /** The model's {@code exp(logit_scale)} the log-sum-exp was computed with. */
    public float logitScale;
    /** The model's logit bias (SigLIP; 0 for the softmax families). */
    public float logitBias;
    /** Whether pairs are scored alone with a sigmoid (SigLIP); then {@link #logSumExp} is unused. */
    public boolean sigmoidScores;
    public String modelId;
    public Timings timings;
    /** The subtask that produced this part and how many parts the merge waits for. */
    public int subtask;
    public int parts;
    /** Best first, at most k. */
    public List<ImageCandidate> candidates = new ArrayList<>();
    /**
     * The scoring rule's normaliser over the whole local window: for the softmax
     * {@code log(sum(exp(logitScale * cosine)))}, {@code -Infinity} when empty.
     */
    public double logSumExp = Double.NEGATIVE_INFINITY;
    public int windowSize;

    public PartialTopK() {}

    /** The model family's scoring rule these fields describe. */
    public ScoringRule scoring() {
        return ScoringRule.of(sigmoidScores, logitScale, logitBias);
    }

    @Override
    public String toString() {
        return "PartialTopK{caption=" + captionId + ", part=" + subtask + "/" + parts + ", candidates=" + candidates
                + ", lse=" + logSumExp + ", window=" + windowSize + "}";
    }
}
