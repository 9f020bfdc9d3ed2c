package io.clipstream.jobs.tag;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/** A label with the averaged, normalised vector of its prompts; the value held in broadcast state. */
@Internal
public class LabelEmbedding {

    public String vocabulary;
    public String label;
    public List<String> templates = new ArrayList<>();
    public float[] vector;
    public String modelId;

    public LabelEmbedding() {}

    public LabelEmbedding(String vocabulary, String label, List<String> templates, float[] vector, String modelId) {
        this.vocabulary = vocabulary;
        this.label = label;
        this.templates = new ArrayList<>(templates);
        this.vector = vector;
        this.modelId = modelId;
    }
}
