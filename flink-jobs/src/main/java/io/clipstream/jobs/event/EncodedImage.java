package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** An image with its L2-normalised CLIP vector, ready for matching, tagging and export. */
@PublicEvolving
public class EncodedImage extends EncodedRecord {

    /** The candidate captions the image arrived with, in order; empty when none. */
    public List<String> candidateCaptions = new ArrayList<>();
    /** Vectors of {@link #candidateCaptions}, same order, encoded in the same batch as the image. */
    public List<float[]> candidateVectors = new ArrayList<>();
    public String vocabulary;

    public EncodedImage() {}

    /** Carries everything of {@code source} over and attaches its vector and the model's scoring rule. */
    public static EncodedImage of(ImageToEncode source, float[] vector, String modelId, ScoringRule scoring) {
        EncodedImage e = new EncodedImage();
        e.encodedFrom(source.id, source.key, vector, modelId, scoring, source.provenance, source.timings);
        e.candidateCaptions = new ArrayList<>(source.candidateCaptions == null ? List.of() : source.candidateCaptions);
        e.vocabulary = source.vocabulary;
        return e;
    }

    @Override
    public String toString() {
        return "EncodedImage{id=" + id + ", key=" + key + ", dim=" + (vector == null ? 0 : vector.length)
                + ", candidates=" + candidateCaptions + ", vocabulary=" + vocabulary + ", model=" + modelId + "}";
    }
}
