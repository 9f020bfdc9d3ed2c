package io.clipstream.cli;

import ai.djl.Device;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipModelOptions;
import io.clipstream.model.DeviceSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that pick and load a model, shared by the model commands ({@code @Mixin}). The
 * default is the bundled model, {@link ClipModelOptions#DEFAULT_MODEL_DIR} under the project root.
 */
final class ModelSelection {

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder (config.json, model.safetensors, tokenizer.json, preprocessor_config.json); "
                    + "default: the bundled " + ClipModelOptions.DEFAULT_MODEL_DIR + ".")
    Path model;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "auto (GPU when one is seen, else CPU), cpu, gpu or gpu:N; gpu(N) is read as gpu:N "
                    + "(default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--half", description = "Run in float16 (GPU only; ignored on the CPU).")
    boolean half;

    /** The chosen folder, or the default model under the project root. */
    Path dir() {
        return model != null ? model : ClipModelOptions.defaultModelDir();
    }

    /** Loads the model; {@link io.clipstream.model.ModelLoadException} carries a user-facing message. */
    ClipModel load() {
        ClipModel.Builder builder = ClipModel.builder().setModelDir(dir()).optHalfPrecision(half);
        Device chosen = DeviceSpec.explicit(device);
        if (chosen != null) {
            builder.optDevice(chosen);
        }
        return builder.build();
    }
}
