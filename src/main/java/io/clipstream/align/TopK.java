package io.clipstream.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Top-k selection and the merge of partial top-k lists, with the log-sum-exp bookkeeping that
 * keeps probabilities exact when candidates are spread over several partitions: the softmax
 * denominator over all candidates is the sum of each partition's, so each partition reports
 * {@code log(sum(exp(logitScale * cosine)))} over everything it holds and the merge adds them.
 */
public final class TopK {

    private TopK() {}

    /** Indices of the {@code k} highest scores, best first (ties: lower index first). */
    public static int[] select(float[] scores, int k) {
        int n = Math.min(k, scores.length);
        if (n <= 0) {
            return new int[0];
        }
        Comparator<Integer> worstFirst = (a, b) -> {
            int c = Float.compare(scores[a], scores[b]);
            return c != 0 ? c : Integer.compare(b, a);
        };
        PriorityQueue<Integer> heap = new PriorityQueue<>(n + 1, worstFirst);
        for (int i = 0; i < scores.length; i++) {
            heap.add(i);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        int[] best = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            best[i] = heap.poll();
        }
        return best;
    }

    /** The {@code k} best items of several lists, best first, by {@code score}. */
    public static <T> List<T> merge(List<List<T>> parts, int k, ScoreOf<T> score) {
        List<T> all = new ArrayList<>();
        for (List<T> part : parts) {
            all.addAll(part);
        }
        all.sort((a, b) -> Float.compare(score.of(b), score.of(a)));
        return new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }

    /** {@code log(sum(exp(logitScale * cosine)))}; {@code -Infinity} for no cosines. */
    public static double logSumExp(float[] cosines, float logitScale) {
        double max = Double.NEGATIVE_INFINITY;
        for (float c : cosines) {
            max = Math.max(max, (double) logitScale * c);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (float c : cosines) {
            sum += Math.exp((double) logitScale * c - max);
        }
        return max + Math.log(sum);
    }

    /** {@code log(exp(a) + exp(b))} without overflow. */
    public static double addLogSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    /** The probability of {@code cosine} when the softmax denominator is {@code exp(logSumExp)}. */
    public static float probability(float cosine, float logitScale, double logSumExp) {
        return (float) Math.exp((double) logitScale * cosine - logSumExp);
    }

    /** The score an item is ranked by. */
    @FunctionalInterface
    public interface ScoreOf<T> {
        float of(T item);
    }
}
