package io.clipstream.cli;

import io.clipstream.explain.Explanation;
import io.clipstream.explain.ExplanationWriter;
import io.clipstream.explain.RelevanceExplainer;
import io.clipstream.model.ClipModelOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipstream explain}: relevance maps of one image against one or more texts. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show which image regions and which words drive each image-text score (gradient-weighted",
            "attention relevance, Chefer et al. 2021): a PNG per text and relevance.json in --out."})
public final class ExplainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "Model folder; default: the bundled model.")
    Path model;

    @Option(names = "--image", required = true, description = "The picture to explain.")
    Path image;

    @Option(names = "--text", required = true, description = "A text to score against the picture (repeatable).")
    List<String> texts;

    @Option(names = "--out", required = true, description = "Folder for the PNGs and relevance.json.")
    Path out;

    @Override
    public Integer call() throws Exception {
        return CliErrors.run(spec.commandLine(), () -> {
            Path dir = model != null ? model : ClipModelOptions.defaultModelDir();
            BufferedImage picture = EmbedCommand.readImages(List.of(image)).get(0);
            List<Explanation> explanations;
            try (RelevanceExplainer explainer = RelevanceExplainer.load(dir)) {
                explanations = explainer.explain(picture, texts);
            }
            List<Path> pngs = ExplanationWriter.write(picture, explanations, out);
            for (int i = 0; i < explanations.size(); i++) {
                System.out.printf(Locale.ROOT, "%-40s cosine %.4f  %s%n", explanations.get(i).text(), explanations.get(i).cosine(), pngs.get(i));
            }
            System.out.println("relevance.json written to " + out.resolve("relevance.json"));
            return 0;
        });
    }
}
