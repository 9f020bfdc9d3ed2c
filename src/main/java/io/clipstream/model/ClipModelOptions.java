package io.clipstream.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the model component finds its bundled default model. The model's tunables are bound where
 * they are read: {@code encoder.model-dir}, {@code encoder.device} and {@code encoder.half-precision}
 * of the jobs' {@code EncoderOptions}, {@code --model}, {@code --device} and {@code --half} of the CLI.
 */
public final class ClipModelOptions {

    /** Folder of the bundled default model, relative to the project root. */
    public static final String DEFAULT_MODEL_DIR = "models/clipstream-emoji-small";

    /** System property naming the project root, against which the default model dir resolves. */
    public static final String HOME_PROPERTY = "clipstream.home";

    private ClipModelOptions() {}

    /**
     * The default model folder: {@value #DEFAULT_MODEL_DIR} under the {@value #HOME_PROPERTY}
     * system property (or the {@code CLIPSTREAM_HOME} environment variable) when set and the folder
     * is there, else under the working directory.
     */
    public static Path defaultModelDir() {
        String home = System.getProperty(HOME_PROPERTY, System.getenv("CLIPSTREAM_HOME"));
        if (home != null && !home.isBlank()) {
            Path candidate = Path.of(home).resolve(DEFAULT_MODEL_DIR);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of(DEFAULT_MODEL_DIR);
    }
}
