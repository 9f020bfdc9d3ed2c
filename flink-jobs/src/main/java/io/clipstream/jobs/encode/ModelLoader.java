package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.model.ClipEncoder;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.annotation.PublicEvolving;

/** Loads the model an encoder shares; serializable so that it travels with the operator. */
@FunctionalInterface
@PublicEvolving
public interface ModelLoader extends Serializable {

    /** Loads the model in {@code modelDir} onto {@code device}. */
    ClipEncoder load(Path modelDir, Device device) throws Exception;

    /**
     * Loads the model, in half precision where {@code halfPrecision} is set and the loader and the
     * device support it; by default the precision request is ignored.
     */
    default ClipEncoder load(Path modelDir, Device device, boolean halfPrecision) throws Exception {
        return load(modelDir, device);
    }

    /** The project's CLIP model in DJL, loaded from a Hugging Face CLIP folder. */
    static ModelLoader clipModel() {
        return ClipModelLoader.INSTANCE;
    }
}
