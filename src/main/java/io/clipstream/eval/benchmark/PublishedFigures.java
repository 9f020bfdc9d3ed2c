package io.clipstream.eval.benchmark;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published zero-shot Recall@1 of known checkpoints on the standard splits, printed beside the
 * measured figures. A checkpoint is recognised by its name (the {@code _name_or_path} of its
 * {@code config.json}, else its folder name); a benchmark by the set's name.
 */
public final class PublishedFigures {

    /** Recall@1 image→text and text→image, as fractions, with where the figure comes from. */
    public record Figures(double imageToTextR1, double textToImageR1, String source) {}

    private static final Map<String, Map<String, Figures>> KNOWN = Map.of(
            "clip-vit-base-patch32", Map.of(
                    "coco-karpathy-test", new Figures(0.501, 0.304, "OpenAI CLIP ViT-B/32, zero-shot, COCO 5K test"),
                    "flickr30k-karpathy-test", new Figures(0.789, 0.588, "OpenAI CLIP ViT-B/32, zero-shot, Flickr30K 1K test")));

    private PublishedFigures() {}

    /** The published figures of {@code model} on {@code benchmark}, when known. */
    public static Optional<Figures> lookup(String model, String benchmark) {
        if (model == null) {
            return Optional.empty();
        }
        String m = model.toLowerCase(Locale.ROOT);
        return KNOWN.entrySet().stream()
                .filter(e -> m.endsWith(e.getKey()) || m.startsWith(e.getKey() + "-"))
                .map(e -> e.getValue().get(benchmark))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }
}
