package io.clipstream.jobs.cli;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.model.ClipModelOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;

/**
 * The one rule by which the pipeline commands ({@code run}, {@code demo}, {@code bench pipeline})
 * find their model: {@code --model} (or {@code encoder.model-dir}) when given, else the folder the
 * environment variable {@value #MODEL_DIR_ENV} names, else the bundled model next to the
 * installation ({@link ClipModelOptions#defaultModelDir()}: under {@code clipstream.home}, which the
 * launcher sets), else an error, raised before anything is created.
 */
final class ModelLookup {

    /** The environment variable naming the model folder when the command line does not. */
    static final String MODEL_DIR_ENV = "CLIPSTREAM_MODEL_DIR";

    private ModelLookup() {}

    /**
     * The model folder for {@code conf}, from this process's environment and installation.
     *
     * @param command the picocli command asking, to which a missing model is reported
     */
    static Path resolve(Object command, Configuration conf) {
        try {
            return resolve(conf, System.getenv(), ClipModelOptions.defaultModelDir());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(command), e.getMessage(), e);
        }
    }

    /**
     * The model folder: the configured one, else {@code env}'s {@value #MODEL_DIR_ENV}, else
     * {@code bundled}; checked to hold a model ({@code config.json}).
     *
     * @throws IllegalArgumentException naming what was looked at, when no model is there
     */
    static Path resolve(Configuration conf, Map<String, String> env, Path bundled) {
        Path dir;
        String source;
        if (conf.getOptional(EncoderOptions.MODEL_DIR).isPresent()) {
            dir = Path.of(conf.get(EncoderOptions.MODEL_DIR));
            source = "--model / " + EncoderOptions.MODEL_DIR.key();
        } else if (env.get(MODEL_DIR_ENV) != null && !env.get(MODEL_DIR_ENV).isBlank()) {
            dir = Path.of(env.get(MODEL_DIR_ENV));
            source = "the environment variable " + MODEL_DIR_ENV;
        } else {
            dir = bundled;
            source = "the bundled model (" + ClipModelOptions.DEFAULT_MODEL_DIR + " under the installation, "
                    + ClipModelOptions.HOME_PROPERTY + ")";
        }
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve("config.json"))) {
            throw new IllegalArgumentException("no model at " + absolute + " (from " + source + "): name a model folder with --model DIR"
                            + " or the environment variable " + MODEL_DIR_ENV);
        }
        return absolute;
    }
}
