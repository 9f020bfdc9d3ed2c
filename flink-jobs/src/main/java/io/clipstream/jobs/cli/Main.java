package io.clipstream.jobs.cli;

import io.clipstream.cli.ClipstreamCli;
import org.apache.flink.annotation.Internal;
import picocli.CommandLine;

/** Entry point of the launcher: the core's commands plus the pipeline's. */
@Internal
public final class Main {
    private Main() {}

    /** The whole command tree; tests drive it the way a user would. */
    public static CommandLine commandLine() {
        CommandLine cli = ClipstreamCli.commandLine();
        PipelineCommands.register(cli);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
