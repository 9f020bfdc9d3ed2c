package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** An image with its L2-normalised CLIP vector, ready for matching, tagging and export. */
@PublicEvolving
public class EncodedImage {

    public String id;
    public String key;
    public float[] vector;
    /** The candidate captions the image arrived with, in order; empty when none. */
    public List<String> candidateCaptions = new ArrayList<>();
    /** Vectors of {@link #candidateCaptions}, same order, encoded in the same batch as the image. */
    public List<float[]> candidateVectors = new ArrayList<>();
    public String vocabulary;
    public String modelId;
    /** The model's {@code exp(logit_scale)}, so that matching computes probabilities without the model. */
    public float logitScale;
    /** The model's logit bias (SigLIP; 0 for the softmax families). */
    public float logitBias;
    /** Whether the model scores each pair with its own sigmoid (SigLIP) instead of a softmax over candidates. */
    public boolean sigmoidScores;
    public Provenance provenance;
    public Timings timings;

    public EncodedImage() {}

    /** Carries everything of {@code source} over and attaches its vector. */
    public static EncodedImage of(ImageToEncode source, float[] vector, String modelId, float logitScale) {
        return of(source, vector, modelId, ScoringRule.softmax(logitScale));
    }

    /** Carries everything of {@code source} over and attaches its vector and the model's scoring rule. */
    public static EncodedImage of(ImageToEncode source, float[] vector, String modelId, ScoringRule scoring) {
        EncodedImage e = new EncodedImage();
        e.id = source.id;
        e.key = source.key;
        e.vector = vector;
        e.candidateCaptions = new ArrayList<>(source.candidateCaptions == null ? List.of() : source.candidateCaptions);
        e.vocabulary = source.vocabulary;
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
        return "EncodedImage{id=" + id + ", key=" + key + ", dim=" + (vector == null ? 0 : vector.length)
                + ", candidates=" + candidateCaptions + ", vocabulary=" + vocabulary + ", model=" + modelId + "}";
    }
}
