package io.clipstream.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Typed options of the model component: key, default and description in one place, the same names
 * the CLI and the job configuration use.
 */
public final class ClipModelOptions {

    /** One option: its key, default value and a one-line description. */
    public record Option<T>(String key, T defaultValue, String description) {}

    /** Folder of the bundled default model, relative to the project root. */
    public static final String DEFAULT_MODEL_DIR = "models/clipstream-emoji-small";

    /** System property naming the project root, against which the default model dir resolves. */
    public static final String HOME_PROPERTY = "clipstream.home";

    public static final Option<String> MODEL_DIR = new Option<>("model.dir", DEFAULT_MODEL_DIR,
            "Folder of a Hugging Face CLIP model (config.json, model.safetensors, tokenizer.json, preprocessor_config.json).");

    public static final Option<String> DEVICE = new Option<>("model.device", "auto",
            "Device to run on: auto (the GPU when DJL sees one, else the CPU), cpu, gpu or gpu(N).");

    public static final Option<Boolean> HALF_PRECISION = new Option<>("model.half-precision", false,
            "Run the weights in float16 on a GPU (ignored on the CPU, where float16 is slower).");

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
