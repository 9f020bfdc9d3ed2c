package io.clipstream.jobs.event;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/** The top labels of one image from one vocabulary, best first. */
@PublicEvolving
public class TagResult {

    public String imageId;
    /** The image's correlation key, passed through; may be {@code null}. */
    public String key;
    public String vocabulary;
    public List<LabelScore> labels = new ArrayList<>();
    /** How many labels the vocabulary held when the image was tagged. */
    public int vocabularySize;
    public String modelId;
    public Provenance provenance;
    public Timings timings;
    /** When the operator emitted the result, epoch milliseconds. */
    public long taggedMs;

    public TagResult() {}

    @Override
    public String toString() {
        return "TagResult{image=" + imageId + ", vocabulary=" + vocabulary + ", labels=" + labels + "}";
    }
}
