package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import org.apache.flink.annotation.PublicEvolving;

/**
 * What an encoded image and an encoded caption both carry: the input's id and correlation key,
 * its L2-normalised vector, the model's scoring rule ({@link ScoredRecord}), provenance and
 * timings. A base of Flink POJOs; see {@link ScoredRecord} on their state layout.
 */
@PublicEvolving
public abstract class EncodedRecord extends ScoredRecord {

    public String id;
    /** Correlation key; {@code null} when keyless. */
    public String key;
    public float[] vector;
    public Provenance provenance;
    public Timings timings;

    /**
     * Sets what every encoded record carries; the timings are copied (the encoder completes its
     * own copy), fresh ones when the input had none.
     */
    protected void encodedFrom(String id, String key, float[] vector, String modelId, ScoringRule scoring,
            Provenance provenance, Timings timings) {
        this.id = id;
        this.key = key;
        this.vector = vector;
        scoredBy(modelId, scoring);
        this.provenance = provenance;
        this.timings = timings == null ? new Timings() : timings.copy();
    }
}
