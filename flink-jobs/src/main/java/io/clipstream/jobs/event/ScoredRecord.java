package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import org.apache.flink.annotation.PublicEvolving;

/**
 * What every record scored by a model carries with it: the model's id and its scoring rule as
 * plain fields, so that matching and tagging compute probabilities without the model.
 *
 * <p>A base of Flink POJOs ({@link EncodedImage} and {@link EncodedCaption} through
 * {@link EncodedRecord}, and {@link PartialTopK}):
 * the serializers take its fields with the subclass's, by name, so the records' state layout is
 * what it was when each class declared the fields itself.
 */
@PublicEvolving
public abstract class ScoredRecord {

    public String modelId;
    /** The model's {@code exp(logit_scale)}. */
    public float logitScale;
    /** The model's logit bias (SigLIP; 0 for the softmax families). */
    public float logitBias;
    /** Whether the model scores each pair with its own sigmoid (SigLIP) instead of a softmax over candidates. */
    public boolean sigmoidScores;

    /** The model family's scoring rule these fields describe. */
    public ScoringRule scoring() {
        return ScoringRule.of(sigmoidScores, logitScale, logitBias);
    }

    /** Sets the model's id and scoring rule. */
    public void scoredBy(String modelId, ScoringRule scoring) {
        this.modelId = modelId;
        this.logitScale = scoring.logitScale();
        this.logitBias = scoring.logitBias();
        this.sigmoidScores = scoring.sigmoid();
    }
}
