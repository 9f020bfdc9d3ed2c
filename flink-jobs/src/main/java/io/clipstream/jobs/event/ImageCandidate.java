package io.clipstream.jobs.event;

import org.apache.flink.annotation.PublicEvolving;

/** A recent image scored against a caption in keyless matching. */
@PublicEvolving
public class ImageCandidate {

    public String imageId;
    public String imageKey;
    public float cosine;

    public ImageCandidate() {}

    public ImageCandidate(String imageId, String imageKey, float cosine) {
        this.imageId = imageId;
        this.imageKey = imageKey;
        this.cosine = cosine;
    }

    @Override
    public String toString() {
        return imageId + "(" + cosine + ")";
    }
}
