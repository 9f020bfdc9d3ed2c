package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.model.ClipEncoder;
import java.nio.file.Path;

/** {@link ModelLoader} of the core {@code ClipModel}. */
final class ClipModelLoader implements ModelLoader {

    static final ClipModelLoader INSTANCE = new ClipModelLoader();
    private static final long serialVersionUID = 1L;

    private ClipModelLoader() {}

    @Override
    public ClipEncoder load(Path modelDir, Device device) {
        // NOT FINISHED: switches to ClipModel.builder().setModelDir(modelDir).optDevice(device).build()
        // as soon as the core model lands; until then only injected loaders work.
        throw new UnsupportedOperationException("ClipModel is not available yet in this build");
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
