package io.clipstream.cli;

import io.clipstream.dataset.EmojiImportOptions;
import io.clipstream.dataset.EmojiImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipstream dataset}: builds captioned image datasets in the project's format. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Build captioned image datasets.",
        subcommands = {DatasetCommand.Emoji.class})
public final class DatasetCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing dataset source: choose one of " + spec.subcommands().keySet());
    }

    /** {@code clipstream dataset emoji}: one dataset per emoji art style from the npm image sets. */
    @Command(name = "emoji", mixinStandardHelpOptions = true,
            description = {"Build datasets from the emoji image sets published on npm (fetched with 'npm pack'):",
                "the emoji-datasource-<style> PNG sets and the Iconify SVG sets (rendered here), each folder with its licence",
                "in source.json. Keep 'google' out of training: it is the held-out test style."})
    static final class Emoji implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Output folder; receives one dataset folder per style.")
        Path out;

        @Option(names = "--styles", split = ",", description = "Art styles to import: twitter, google, facebook, apple, twemoji, "
                + "fluent-emoji, fluent-emoji-flat, fluent-emoji-high-contrast, emojione, emojione-v1, emojione-monotone, "
                + "fxemoji, streamline-emojis (default: ${DEFAULT-VALUE}).",
                defaultValue = "twitter,facebook,google")
        List<String> styles;

        @Option(names = "--size", defaultValue = "" + EmojiImportOptions.DEFAULT_SIZE,
                description = "Side in pixels of the written images (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--packs", description = "Folder for the npm tarballs (default: <out>/.packs); present ones are reused.")
        Path packs;

        @Option(names = "--datasource-version", defaultValue = EmojiImportOptions.DEFAULT_DATASOURCE_VERSION,
                description = "Version of the emoji-datasource-<style> packages (default: ${DEFAULT-VALUE}).")
        String datasourceVersion;

        @Option(names = "--emojilib-version", defaultValue = EmojiImportOptions.DEFAULT_EMOJILIB_VERSION,
                description = "Version of the emojilib keyword package (default: ${DEFAULT-VALUE}).")
        String emojilibVersion;

        @Override
        public Integer call() throws Exception {
            Map<String, Integer> written = EmojiImporter.run(
                    new EmojiImportOptions(out, styles, size, packs, datasourceVersion, emojilibVersion), System.err);
            System.out.println("imported " + written);
            return 0;
        }
    }
}
