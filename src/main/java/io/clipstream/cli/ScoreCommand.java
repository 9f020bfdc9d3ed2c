package io.clipstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.align.ScoringRule;
import io.clipstream.align.Similarity;
import io.clipstream.model.ClipModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clipstream score}: scores one image against candidate texts, CLIP's zero-shot call:
 * cosine of each text, and the probability by the model family's rule ({@link ScoringRule}): the
 * softmax of {@code logitScale * cosine} over the texts (CLIP, Chinese-CLIP), or each text's own
 * {@code sigmoid(logitScale * cosine + logitBias)} (SigLIP).
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score an image against candidate texts: cosine and probability per text "
                + "(softmax over the texts for CLIP and Chinese-CLIP, per-text sigmoid for SigLIP).")
final class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ModelSelection selection;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The image file.")
    Path image;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "A candidate text (repeat for each).")
    List<String> texts;

    @Option(names = "--json", description = "One JSON line per text, in order: {\"text\":...,\"cosine\":...,\"logit\":...,\"probability\":...}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return CliErrors.run(spec.commandLine(), () -> {
            var decoded = EmbedCommand.readImages(List.of(image));
            try (ClipModel model = selection.load()) {
                float[] imageVector = model.encodeImages(decoded)[0];
                float[][] textVectors = model.encodeTexts(texts);
                float[] cosines = new float[texts.size()];
                for (int i = 0; i < cosines.length; i++) {
                    cosines[i] = Similarity.cosine(imageVector, textVectors[i]);
                }
                ScoringRule rule = model.scoring();
                float[] probabilities = rule.probabilities(cosines);
                var out = spec.commandLine().getOut();
                if (json) {
                    for (int i = 0; i < cosines.length; i++) {
                        ObjectNode node = JSON.createObjectNode();
                        node.put("text", texts.get(i));
                        node.put("cosine", cosines[i]);
                        node.put("logit", (float) rule.logit(cosines[i]));
                        node.put("probability", probabilities[i]);
                        out.println(JSON.writeValueAsString(node));
                    }
                } else {
                    out.printf(Locale.ROOT, "image %s, model %s (%s, logit scale %.2f%s)%n", image, model.modelId(),
                            rule.sigmoid() ? "sigmoid per text" : "softmax over texts", rule.logitScale(),
                            rule.sigmoid() ? String.format(Locale.ROOT, ", logit bias %.2f", rule.logitBias()) : "");
                    out.printf(Locale.ROOT, "%11s  %8s  %s%n", "probability", "cosine", "text");
                    for (int i = 0; i < cosines.length; i++) {
                        out.printf(Locale.ROOT, "%11.4f  %8.4f  %s%n", probabilities[i], cosines[i], texts.get(i));
                    }
                }
                out.flush();
            }
            return 0;
        });
    }
}
