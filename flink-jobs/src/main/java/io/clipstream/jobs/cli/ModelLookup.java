package io.clipstream.jobs.cli;

import io.clipstream.jobs.launch.LaunchOptions;
import io.clipstream.jobs.launch.ModelFolderLookup;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;

/**
 * {@link ModelFolderLookup}, the launcher's one model-folder rule, for picocli commands: a missing
 * model becomes a usage error of the command.
 */
final class ModelLookup {

    /** The environment variable naming the model folder when the command line does not. */
    static final String MODEL_DIR_ENV = LaunchOptions.MODEL_DIR_ENV;

    private ModelLookup() {}

    /**
     * The model folder for {@code conf}, from this process's environment and installation.
     *
     * @param command the picocli command asking, to which a missing model is reported
     */
    static Path resolve(Object command, Configuration conf) {
        try {
            return ModelFolderLookup.resolve(conf);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(command), e.getMessage(), e);
        }
    }

    /** {@link ModelFolderLookup#resolve(Configuration, Map, Path)}. */
    static Path resolve(Configuration conf, Map<String, String> env, Path bundled) {
        return ModelFolderLookup.resolve(conf, env, bundled);
    }
}
