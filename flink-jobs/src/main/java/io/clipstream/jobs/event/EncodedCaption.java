package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import org.apache.flink.annotation.PublicEvolving;
/** A caption with its L2-normalised CLIP vector, ready for matching and export. */
@PublicEvolving
public class EncodedCaption {

    public String id;
    public String key;
    public String text;
    public float[] vector;
    public String modelId;
    /** The model's {@code exp(logit_scale)}, so that matching computes probabilities without the model. */
    public float logitScale;
    /** The model's logit bias (SigLIP; 0 for the softmax families). */
    public float logitBias;
    /** Whether the model scores each pair with its own sigmoid (SigLIP) instead of a softmax over candidates. */
    public boolean sigmoidScores;
    public Provenance provenance;
    public Timings timings;

    public EncodedCaption() {}

    /** Carries everything of {@code source} over and attaches its vector. */
    public static EncodedCaption of(CaptionToEncode source, float[] vector, String modelId, float logitScale) {
        return of(source, vector, modelId, ScoringRule.softmax(logitScale));
    }

    /** Carries everything of {@code source} over and attaches its vector and the model's scoring rule. */
    public static EncodedCaption of(CaptionToEncode source, float[] vector, String modelId, ScoringRule scoring) {
        EncodedCaption e = new EncodedCaption();
        e.id = source.id;
        e.key = source.key;
        e.text = source.text;
        e.vector = vector;
        e.modelId = modelId;
        e.logitScale = scoring.logitScale();
        e.logitBias = scoring.logitBias();
        e.sigmoidScores = scoring.sigmoid();
        e.provenance = source.provenance;
        e.timings = source.timings == null ? new Timings() : source.timings.copy();
        return e;
    }

    /** The model family's scoring rule these fields describe. */
    public ScoringRule scoring() {
        return ScoringRule.of(sigmoidScores, logitScale, logitBias);
    }

    @Override
    public String toString() {
        return "EncodedCaption{id=" + id + ", key=" + key + ", text=" + text + ", dim="
                + (vector == null ? 0 : vector.length) + ", model=" + modelId + "}";
    }
}
