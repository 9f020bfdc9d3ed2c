package io.clipstream.jobs.cli;

import picocli.CommandLine;

/** Registers the pipeline's subcommands next to the core's. */
final class PipelineCommands {
    private PipelineCommands() {}

    static void register(CommandLine cli) {
        // demo, run, produce, consume and bench pipeline are added here as they are built.
        cli.addSubcommand("demo", new CommandLine(new DemoCommand()));
        cli.addSubcommand("run", new CommandLine(new RunCommand()));
        cli.addSubcommand("produce", new CommandLine(new ProduceCommand()));
        cli.addSubcommand("consume", new CommandLine(new ConsumeCommand()));
        cli.addSubcommand("options", new CommandLine(new OptionsCommand()));
        cli.addSubcommand("index", new CommandLine(new IndexCommand()));
        cli.addSubcommand("search", new CommandLine(new SearchCommand()));
        cli.addSubcommand("view", new CommandLine(new ViewCommand()));
        cli.getSubcommands().get("bench").addSubcommand("pipeline", new CommandLine(new BenchPipelineCommand()));
        cli.getSubcommands().get("bench").addSubcommand("index", new CommandLine(new BenchIndexCommand()));
    }
}
