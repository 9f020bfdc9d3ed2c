package io.clipstream.jobs.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One subtask's best images for one caption in keyless matching, with what the merge needs to
 * compute exact probabilities over every image all subtasks held: the log-sum-exp of
 * {@code logitScale * cosine} over the subtask's whole window and the window size. The scoring
 * rule is the caption's ({@link ScoredRecord}); with a sigmoid rule {@link #logSumExp} is unused.
 */
@PublicEvolving
public class PartialTopK extends ScoredRecord {

    public String captionId;
    public String captionKey;
    public String captionText;
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

    @Override
    public String toString() {
        return "PartialTopK{caption=" + captionId + ", part=" + subtask + "/" + parts + ", candidates=" + candidates
                + ", lse=" + logSumExp + ", window=" + windowSize + "}";
    }
}
