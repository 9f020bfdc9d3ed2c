package io.clipstream.jobs.launch;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.model.ClipModelOptions;
import io.clipstream.model.ModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;

/**
 * The one rule by which a launched job finds its model: {@code --model} (or {@code encoder.model-dir})
 * when given, else the folder the environment variable {@value LaunchOptions#MODEL_DIR_ENV} names,
 * else the bundled model next to the installation ({@link ClipModelOptions#defaultModelDir()}: under
 * {@code clipstream.home}, which the launcher script sets), else an error, raised before anything
 * is created. Never a random checkpoint.
 */
@PublicEvolving
public final class ModelFolderLookup {

    private ModelFolderLookup() {}

    /** The model folder for {@code conf}, from this process's environment and installation. */
    public static Path resolve(Configuration conf) {
        return resolve(conf, System.getenv(), ClipModelOptions.defaultModelDir());
    }

    /**
     * The model folder: the configured one, else {@code env}'s {@value LaunchOptions#MODEL_DIR_ENV},
     * else {@code bundled}; checked to hold a model ({@code config.json}).
     *
     * @throws IllegalArgumentException naming what was looked at, when no model is there
     */
    public static Path resolve(Configuration conf, Map<String, String> env, Path bundled) {
        Path dir;
        String source;
        String fromEnv = env.get(LaunchOptions.MODEL_DIR_ENV);
        if (conf.getOptional(EncoderOptions.MODEL_DIR).isPresent()) {
            dir = Path.of(conf.get(EncoderOptions.MODEL_DIR));
            source = "--model / " + EncoderOptions.MODEL_DIR.key();
        } else if (fromEnv != null && !fromEnv.isBlank()) {
            dir = Path.of(fromEnv);
            source = "the environment variable " + LaunchOptions.MODEL_DIR_ENV;
        } else {
            dir = bundled;
            source = "the bundled model (" + ClipModelOptions.DEFAULT_MODEL_DIR + " under the installation, "
                    + ClipModelOptions.HOME_PROPERTY + ")";
        }
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve(ModelFolder.CONFIG))) {
            throw new IllegalArgumentException("no model at " + absolute + " (from " + source + "): name a model folder with --model DIR"
                            + " or the environment variable " + LaunchOptions.MODEL_DIR_ENV);
        }
        return absolute;
    }
}
