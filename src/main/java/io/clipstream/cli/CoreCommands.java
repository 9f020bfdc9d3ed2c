package io.clipstream.cli;

import picocli.CommandLine;

/** Registers the core's subcommands; each new command adds one line here. */
final class CoreCommands {
    private CoreCommands() {}

    static void register(CommandLine cli) {
        // embed, score, train, eval, dataset and bench model are added here as they are built.
        cli.addSubcommand("dataset", new CommandLine(new DatasetCommand()));
        cli.getSubcommands().get("bench").addSubcommand("preprocess", new CommandLine(new BenchPreprocessCommand()));
        cli.addSubcommand("train", new CommandLine(new TrainCommand()));
        cli.addSubcommand("eval", new CommandLine(new EvalCommand()));
        cli.addSubcommand("embed", new CommandLine(new EmbedCommand()));
        cli.addSubcommand("score", new CommandLine(new ScoreCommand()));
        cli.addSubcommand("models", new CommandLine(new ModelsCommand()).addSubcommand("inspect", new ModelsInspectCommand()));
        cli.getSubcommands().get("bench").addSubcommand("model", new CommandLine(new BenchModelCommand()));
        cli.addSubcommand("explain", new CommandLine(new ExplainCommand()));
        cli.addSubcommand("embed-map", new CommandLine(new EmbedMapCommand()));
    }
}
