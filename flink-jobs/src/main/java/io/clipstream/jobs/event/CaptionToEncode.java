package io.clipstream.jobs.event;

import org.apache.flink.annotation.PublicEvolving;

/** A validated caption waiting for the batching encoder. */
@PublicEvolving
public class CaptionToEncode {

    public String id;
    /** Correlation key shared with the images it may belong to; {@code null} when keyless. */
    public String key;
    public String text;
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

    @Override
    public String toString() {
        return "CaptionToEncode{id=" + id + ", key=" + key + ", text=" + text + ", from=" + provenance + "}";
    }
}
