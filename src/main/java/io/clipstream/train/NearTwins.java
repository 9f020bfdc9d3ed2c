package io.clipstream.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The classes whose labels share a content word with a class ("grinning face" and "grinning
 * squinting face", every "flag: ..."), for batches that hold near-twins. Contrastive training only
 * learns to tell apart what meets in one batch, and a uniform draw of 128 of 1,900 classes seldom
 * puts two twins together; these hard negatives are where retrieval among all names fails.
 */
final class NearTwins {
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "of", "with", "and", "or", "in", "on", "for", "to", "at", "by");

    private final int[][] classWords;
    private final int[][] wordClasses;

    /** @param labels the label of each class, by class index */
    NearTwins(List<String> labels) {
        Map<String, Integer> words = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        classWords = new int[labels.size()][];
        for (int c = 0; c < labels.size(); c++) {
            List<Integer> own = new ArrayList<>();
            for (String w : labels.get(c).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (w.isEmpty() || FUNCTION_WORDS.contains(w)) {
                    continue;
                }
                int id = words.computeIfAbsent(w, k -> {
                    members.add(new ArrayList<>());
                    return members.size() - 1;
                });
                if (!own.contains(id)) {
                    own.add(id);
                    members.get(id).add(c);
                }
            }
            classWords[c] = own.stream().mapToInt(Integer::intValue).toArray();
        }
        wordClasses = members.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The classes that share a content word with {@code cls}, without it, each once, in class order. */
    int[] of(int cls) {
        boolean[] seen = new boolean[classWords.length];
        seen[cls] = true;
        int n = 0;
        int[] out = new int[classWords.length];
        for (int w : classWords[cls]) {
            for (int c : wordClasses[w]) {
                if (!seen[c]) {
                    seen[c] = true;
                    out[n++] = c;
                }
            }
        }
        java.util.Arrays.sort(out, 0, n);
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Moves a random class and up to {@code max - 1} of its near twins, drawn at random, to the
     * front of {@code order} (a permutation of the classes, left one); returns how many were placed.
     */
    int place(int[] order, int max, Random random) {
        int seed = random.nextInt(order.length);
        int[] twins = of(seed);
        int count = Math.min(twins.length, Math.max(0, max - 1));
        for (int k = 0; k < count; k++) {
            int j = k + random.nextInt(twins.length - k);
            int t = twins[j];
            twins[j] = twins[k];
            twins[k] = t;
        }
        moveTo(order, 0, seed);
        for (int k = 0; k < count; k++) {
            moveTo(order, k + 1, twins[k]);
        }
        return count + 1;
    }

    /** Swaps {@code cls} into {@code order[at]}; it lies at or after {@code at}. */
    private static void moveTo(int[] order, int at, int cls) {
        for (int p = at; p < order.length; p++) {
            if (order[p] == cls) {
                order[p] = order[at];
                order[at] = cls;
                return;
            }
        }
        throw new IllegalStateException("class " + cls + " is not after position " + at);
    }
}
