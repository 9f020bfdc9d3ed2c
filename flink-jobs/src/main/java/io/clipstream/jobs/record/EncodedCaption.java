package io.clipstream.jobs.record;

/** A caption with its L2-normalised CLIP vector, ready for matching and export. */
public class EncodedCaption {

    public String id;
    public String key;
    public String text;
    public float[] vector;
    public String modelId;
    /** The model's {@code exp(logit_scale)}, so that matching computes probabilities without the model. */
    public float logitScale;
    public Provenance provenance;
    public Timings timings;

    public EncodedCaption() {}

    /** Carries everything of {@code source} over and attaches its vector. */
    public static EncodedCaption of(CaptionToEncode source, float[] vector, String modelId, float logitScale) {
        EncodedCaption e = new EncodedCaption();
        e.id = source.id;
        e.key = source.key;
        e.text = source.text;
        e.vector = vector;
        e.modelId = modelId;
        e.logitScale = logitScale;
        e.provenance = source.provenance;
        e.timings = source.timings == null ? new Timings() : source.timings.copy();
        return e;
    }

    @Override
    public String toString() {
        return "EncodedCaption{id=" + id + ", key=" + key + ", text=" + text + ", dim="
                + (vector == null ? 0 : vector.length) + ", model=" + modelId + "}";
    }
}
