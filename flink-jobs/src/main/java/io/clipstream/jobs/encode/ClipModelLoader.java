package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.model.ClipEncoder;
import io.clipstream.model.ClipModel;
import java.nio.file.Path;

/** {@link ModelLoader} of the core {@code ClipModel}. */
final class ClipModelLoader implements ModelLoader {

    static final ClipModelLoader INSTANCE = new ClipModelLoader();
    private static final long serialVersionUID = 1L;

    private ClipModelLoader() {}

    @Override
    public ClipEncoder load(Path modelDir, Device device) {
        return load(modelDir, device, false);
    }

    @Override
    public ClipEncoder load(Path modelDir, Device device, boolean halfPrecision) {
        // the model falls back to float32 off the GPU
        return ClipModel.builder().setModelDir(modelDir).optDevice(device).optHalfPrecision(halfPrecision).build();
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
