package io.clipstream.jobs.record;

import java.util.ArrayList;
import java.util.List;

/** An image with its L2-normalised CLIP vector, ready for matching, tagging and export. */
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
    public Provenance provenance;
    public Timings timings;

    public EncodedImage() {}

    /** Carries everything of {@code source} over and attaches its vector. */
    public static EncodedImage of(ImageToEncode source, float[] vector, String modelId, float logitScale) {
        EncodedImage e = new EncodedImage();
        e.id = source.id;
        e.key = source.key;
        e.vector = vector;
        e.candidateCaptions = new ArrayList<>(source.candidateCaptions == null ? List.of() : source.candidateCaptions);
        e.vocabulary = source.vocabulary;
        e.modelId = modelId;
        e.logitScale = logitScale;
        e.provenance = source.provenance;
        e.timings = source.timings == null ? new Timings() : source.timings.copy();
        return e;
    }

    @Override
    public String toString() {
        return "EncodedImage{id=" + id + ", key=" + key + ", dim=" + (vector == null ? 0 : vector.length)
                + ", candidates=" + candidateCaptions + ", vocabulary=" + vocabulary + ", model=" + modelId + "}";
    }
}
