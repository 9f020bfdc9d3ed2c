package io.clipstream.jobs.event;

import io.clipstream.align.ScoringRule;
import org.apache.flink.annotation.PublicEvolving;
/** A caption with its L2-normalised CLIP vector, ready for matching and export. */
@PublicEvolving
public class EncodedCaption extends EncodedRecord {

    public String text;

    public EncodedCaption() {}

    /** Carries everything of {@code source} over and attaches its vector and the model's scoring rule. */
    public static EncodedCaption of(CaptionToEncode source, float[] vector, String modelId, ScoringRule scoring) {
        EncodedCaption e = new EncodedCaption();
        e.encodedFrom(source.id, source.key, vector, modelId, scoring, source.provenance, source.timings);
        e.text = source.text;
        return e;
    }

    @Override
    public String toString() {
        return "EncodedCaption{id=" + id + ", key=" + key + ", text=" + text + ", dim="
                + (vector == null ? 0 : vector.length) + ", model=" + modelId + "}";
    }
}
