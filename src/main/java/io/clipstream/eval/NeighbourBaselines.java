package io.clipstream.eval;

import io.clipstream.dataset.DatasetEntry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Single-modality baselines beside the cross-modal figures, all four directions under one protocol,
 * so a cross-modal gain (or loss) is visible. Each dataset entry is an item with an image and a text
 * (its label). Two entries are <em>related</em> when they share the label or at least one caption
 * (case-insensitive). A query is an entry, as image or as text; the candidates are every other
 * entry, as image or as text; the query is a hit at K when a related entry is among the K best.
 * Ties count against the query. Entries with no related entry are not queries.
 *
 * @param imageToImage Recall@1/5/10 image → other images
 * @param textToText Recall@1/5/10 text → other texts
 * @param imageToText Recall@1/5/10 image → other entries' texts
 * @param textToImage Recall@1/5/10 text → other entries' images
 * @param queries number of entries that have a related entry
 */
public record NeighbourBaselines(double[] imageToImage, double[] textToText, double[] imageToText, double[] textToImage,
        int queries) {

    /** The four directions over entries with image vectors {@code images[i]} and text vectors {@code texts[i]}. */
    public static NeighbourBaselines of(List<DatasetEntry> entries, float[][] images, float[][] texts) {
        BitSet[] related = related(entries);
        int queries = 0;
        for (BitSet r : related) {
            queries += r.isEmpty() ? 0 : 1;
        }
        return new NeighbourBaselines(recall(images, images, related), recall(texts, texts, related),
                recall(images, texts, related), recall(texts, images, related), queries);
    }

    /** {@code related[i]}: the other entries sharing i's label or a caption. */
    static BitSet[] related(List<DatasetEntry> entries) {
        Map<String, List<Integer>> byText = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            DatasetEntry e = entries.get(i);
            List<String> texts = new ArrayList<>(e.captions());
            texts.add(e.label());
            for (String t : texts.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).distinct().toList()) {
                byText.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        BitSet[] related = new BitSet[entries.size()];
        for (int i = 0; i < related.length; i++) {
            related[i] = new BitSet(entries.size());
        }
        for (List<Integer> group : byText.values()) {
            for (int a : group) {
                for (int b : group) {
                    if (a != b) {
                        related[a].set(b);
                    }
                }
            }
        }
        return related;
    }

    private static double[] recall(float[][] queries, float[][] candidates, BitSet[] related) {
        int[] ks = EvalResult.KS;
        int[] hits = new int[ks.length];
        int counted = 0;
        for (int q = 0; q < queries.length; q++) {
            if (related[q].isEmpty()) {
                continue;
            }
            counted++;
            float[] scores = new float[candidates.length];
            float best = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates.length; c++) {
                scores[c] = dot(queries[q], candidates[c]);
                if (related[q].get(c)) {
                    best = Math.max(best, scores[c]);
                }
            }
            int rank = 0;
            for (int c = 0; c < candidates.length; c++) {
                if (c != q && !related[q].get(c) && scores[c] >= best) {
                    rank++;
                }
            }
            for (int k = 0; k < ks.length; k++) {
                hits[k] += rank < ks[k] ? 1 : 0;
            }
        }
        double[] out = new double[ks.length];
        for (int k = 0; k < ks.length; k++) {
            out[k] = counted == 0 ? Double.NaN : (double) hits[k] / counted;
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    /** The text table of the four directions. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "related-item retrieval (%d queries sharing a label or caption with another item)%n", queries));
        line(sb, "image -> image", imageToImage);
        line(sb, "text -> text", textToText);
        line(sb, "image -> text", imageToText);
        line(sb, "text -> image", textToImage);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, double[] r) {
        sb.append(String.format(Locale.ROOT, "  %-20s %7.1f%% %7.1f%% %7.1f%%%n", name, 100 * r[0], 100 * r[1], 100 * r[2]));
    }
}
