package io.clipstream.jobs.match;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.Timings;

/** Encoded records with known unit vectors in the plane, for matching tests. */
final class Vecs {

    static final float SCALE = 10f;

    private Vecs() {}

    static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    static float cos(double degrees) {
        return (float) Math.cos(Math.toRadians(degrees));
    }

    static EncodedImage image(String id, String key, double degrees) {
        EncodedImage e = new EncodedImage();
        e.id = id;
        e.key = key;
        e.vector = at(degrees);
        e.modelId = "test-model";
        e.logitScale = SCALE;
        e.provenance = new Provenance("images", 0, 0);
        e.timings = new Timings(1L, 2L);
        return e;
    }

    static EncodedCaption caption(String id, String key, double degrees) {
        EncodedCaption e = new EncodedCaption();
        e.id = id;
        e.key = key;
        e.text = "caption " + id;
        e.vector = at(degrees);
        e.modelId = "test-model";
        e.logitScale = SCALE;
        e.provenance = new Provenance("captions", 0, 0);
        e.timings = new Timings(1L, 2L);
        return e;
    }

    /** {@code softmax(SCALE * cos(target))} over {@code cos(all)}, in double. */
    static float softmax(double targetDegrees, double... allDegrees) {
        double sum = 0;
        for (double a : allDegrees) {
            sum += Math.exp(SCALE * Math.cos(Math.toRadians(a)));
        }
        return (float) (Math.exp(SCALE * Math.cos(Math.toRadians(targetDegrees))) / sum);
    }
}
