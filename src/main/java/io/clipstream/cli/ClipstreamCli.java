package io.clipstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code clipstream} command line. The core registers its own subcommands here; the Flink jobs
 * module adds the pipeline ones ({@code demo}, {@code run}, {@code produce}, {@code consume},
 * {@code bench pipeline}) to the same tree, so one launcher serves both.
 */
@Command(
        name = "clipstream",
        mixinStandardHelpOptions = true,
        versionProvider = ClipstreamCli.Version.class,
        description = "Real-time image-text matching with CLIP on Kafka and Flink.",
        subcommands = {CommandLine.HelpCommand.class})
public final class ClipstreamCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Parent of the benchmarks; each benchmark is a subcommand ({@code bench model}, ...). */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.")
    public static final class Bench implements Runnable {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: choose one of " + spec.subcommands().keySet());
        }
    }

    /** Builds the command tree with the core's subcommands. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ClipstreamCli());
        cli.addSubcommand("bench", new CommandLine(new Bench()));
        CoreCommands.register(cli);
        cli.setExecutionExceptionHandler(CliErrors::handle);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ClipstreamCli.class.getPackage().getImplementationVersion();
            return new String[] {"clipstream " + (v == null ? "development build" : v)};
        }
    }
}
