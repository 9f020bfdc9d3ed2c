package io.clipstream.jobs.event;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A validated caption on its way to the batching encoder: built from the event with its text
 * alone, then given its {@link #tokens} by the tokenize stage ({@code CaptionPreparer}).
 */
@PublicEvolving
public class CaptionToEncode {

    public String id;
    /** Correlation key shared with the images it may belong to; {@code null} when keyless. */
    public String key;
    public String text;
    /**
     * Token ids of {@link #text} as the model's tokenizer gives them (special tokens added, cut to
     * the context length, not padded); {@code null} until the caption is tokenised.
     */
    public int[] tokens;
    public Provenance provenance;
    public Timings timings;

    public CaptionToEncode() {}

    public CaptionToEncode(String id, String key, String text, Provenance provenance, Timings timings) {
        this.id = id;
        this.key = key;
        this.text = text;
        this.provenance = provenance;
        this.timings = timings;
    }

    /** This caption with {@code tokens}; the other fields are shared, not copied. */
    public CaptionToEncode withTokens(int[] tokens) {
        CaptionToEncode c = new CaptionToEncode(id, key, text, provenance, timings);
        c.tokens = tokens;
        return c;
    }

    @Override
    public String toString() {
        return "CaptionToEncode{id=" + id + ", key=" + key + ", text=" + text + ", tokens="
                + (tokens == null ? "none" : tokens.length) + ", from=" + provenance + "}";
    }
}
