package io.clipstream.jobs.event;

import org.apache.flink.annotation.PublicEvolving;

/** One label given to an image: its cosine score and its probability over the vocabulary. */
@PublicEvolving
public class LabelScore {

    public String label;
    public float score;
    public float probability;

    public LabelScore() {}

    public LabelScore(String label, float score, float probability) {
        this.label = label;
        this.score = score;
        this.probability = probability;
    }

    @Override
    public String toString() {
        return label + "(" + score + ", p=" + probability + ")";
    }
}
