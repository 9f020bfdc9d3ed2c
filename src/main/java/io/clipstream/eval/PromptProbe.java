package io.clipstream.eval;

import io.clipstream.align.ScoringRule;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.dataset.CaptionTemplates;
import io.clipstream.dataset.DatasetEntry;
import io.clipstream.model.ClipEncoder;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zero-shot with prompts as a new user writes them: a few everyday words ({@code cat}, {@code dog},
 * {@code car}, ...) phrased by a template ({@code a cat}) are the candidates, and every dataset image
 * named by one of the words (its label is the word, or it has the caption "a {word}", which the
 * importer writes for names and short names only: the cat face and the cat) is scored against all of
 * them by the model's own rule, as {@code clipstream score} does.
 * Words that name no image of the dataset are left out of the candidates.
 */
public final class PromptProbe {

    /** Everyday things the default probe asks for. */
    public static final List<String> DEFAULT_WORDS = List.of("cat", "dog", "car", "bird", "fish", "tree", "flower", "house",
            "apple", "bicycle", "horse", "cow", "pig", "rabbit", "mouse", "bear", "frog", "monkey", "chicken", "penguin",
            "elephant", "snake", "turtle", "banana", "pizza", "cake", "bus", "train", "airplane", "boat", "rocket", "book",
            "clock", "key", "umbrella", "sun", "moon", "star", "heart", "guitar");

    /** One image: its label, the word that names it, the probability of that word's prompt and its rank (1 = first). */
    public record Row(String label, String word, float probability, int rank, String top) {}

    /** Rows in word order, the prompts used, and the two summary figures. */
    public record Result(List<Row> rows, List<String> prompts) {

        /** Fraction of images whose own prompt ranks first. */
        public double accuracy() {
            return rows.isEmpty() ? 0 : rows.stream().filter(r -> r.rank() == 1).count() / (double) rows.size();
        }

        /** Mean probability of the right prompt. */
        public double meanProbability() {
            return rows.stream().mapToDouble(Row::probability).average().orElse(0);
        }

        /** A Markdown table, ready for a model card. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "prompts (%d): %s%n%n", prompts.size(), String.join(", ", prompts)));
            sb.append("| image | right prompt | probability | rank | first |\n| --- | --- | --- | --- | --- |\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %d | %s |%n", r.label(), r.word(), r.probability(), r.rank(), r.top()));
            }
            sb.append(String.format(Locale.ROOT, "%nright prompt first: %d/%d (%.1f%%), mean probability of the right prompt %.3f (chance %.3f)%n",
                    rows.stream().filter(r -> r.rank() == 1).count(), rows.size(), 100 * accuracy(), meanProbability(),
                    prompts.isEmpty() ? 0 : 1.0 / prompts.size()));
            return sb.toString();
        }
    }

    private PromptProbe() {}

    /** Runs the probe; {@code template} marks the article with {@code {a}} and the word with {@code {}}. */
    public static Result run(ClipEncoder encoder, CaptionDataset data, List<String> words, String template) {
        List<String> kept = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        List<Integer> wordOf = new ArrayList<>();
        for (String w : words) {
            String word = w.strip().toLowerCase(Locale.ROOT);
            boolean any = false;
            // the importer phrases only names (label, short names) as "a {}": keywords do not count
            String named = CaptionTemplates.article(word) + " " + word;
            for (int i = 0; i < data.size(); i++) {
                DatasetEntry e = data.entries().get(i);
                if (e.label().equals(word) || e.captions().contains(named)) {
                    entries.add(i);
                    wordOf.add(kept.size());
                    any = true;
                }
            }
            if (any) {
                kept.add(word);
            }
        }
        List<String> prompts = kept.stream().map(w -> template.replace("{a}", CaptionTemplates.article(w)).replace("{}", w)).toList();
        if (prompts.isEmpty()) {
            return new Result(List.of(), prompts);
        }
        List<BufferedImage> images = entries.stream().map(i -> data.images().get(i)).toList();
        float[][] imageEmb = BatchedEncoding.images(encoder, images, 64);
        float[][] textEmb = BatchedEncoding.texts(encoder, prompts, 64);
        float[][] sim = Retrieval.similarity(imageEmb, textEmb);
        ScoringRule rule = encoder.scoring();
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            float[] p = rule.probabilities(sim[k]);
            int right = wordOf.get(k);
            int rank = 1;
            int top = 0;
            for (int j = 0; j < p.length; j++) {
                if (p[j] > p[right]) {
                    rank++;
                }
                if (p[j] > p[top]) {
                    top = j;
                }
            }
            rows.add(new Row(data.entries().get(entries.get(k)).label(), prompts.get(right), p[right], rank, prompts.get(top)));
        }
        return new Result(rows, prompts);
    }
}
