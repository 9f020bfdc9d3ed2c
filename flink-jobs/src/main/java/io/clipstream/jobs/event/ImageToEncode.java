package io.clipstream.jobs.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A decoded, preprocessed image waiting for the batching encoder.
 *
 * <p>{@link #pixels} are channel-first, normalised values of a {@code 3 * size * size} crop, exactly
 * what {@code ClipEncoder.encodePixels} takes; {@link #candidateTokens} what {@code encodeTokens} takes.
 */
@PublicEvolving
public class ImageToEncode {

    public String id;
    /** Correlation key shared with the captions it may belong to; {@code null} when keyless. */
    public String key;
    public float[] pixels;
    /** Captions to score this image against directly; empty when none were given. */
    public List<String> candidateCaptions = new ArrayList<>();
    /**
     * Token ids of {@link #candidateCaptions}, same order, as the model's tokenizer gives them
     * (special tokens added, cut to the context length, not padded): set by the image stage.
     */
    public List<int[]> candidateTokens = new ArrayList<>();
    /** The label vocabulary to tag this image with; {@code null} for the job's default. */
    public String vocabulary;
    public Provenance provenance;
    public Timings timings;

    public ImageToEncode() {}

    public ImageToEncode(String id, String key, float[] pixels, List<String> candidateCaptions,
            String vocabulary, Provenance provenance, Timings timings) {
        this.id = id;
        this.key = key;
        this.pixels = pixels;
        this.candidateCaptions = candidateCaptions == null ? new ArrayList<>() : new ArrayList<>(candidateCaptions);
        this.vocabulary = vocabulary;
        this.provenance = provenance;
        this.timings = timings;
    }

    @Override
    public String toString() {
        return "ImageToEncode{id=" + id + ", key=" + key + ", pixels=" + (pixels == null ? 0 : pixels.length)
                + ", candidates=" + candidateCaptions + ", vocabulary=" + vocabulary + ", from=" + provenance + "}";
    }
}
