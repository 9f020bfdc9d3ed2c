package io.clipstream.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precision, recall and F1 of MATCH decisions ({@code cosine >= threshold}) over a set of matched
 * and mismatched image-caption pairs, and the threshold that maximises F1.
 *
 * <pre>{@code
 * ThresholdCalibration cal = ThresholdCalibration.of(matchedCosines, mismatchedCosines);
 * float t = cal.best().threshold();
 * }</pre>
 */
public final class ThresholdCalibration {

    /** Quality of the decisions at one threshold. */
    public record Point(float threshold, double precision, double recall, double f1) {}

    private final float[] positives;
    private final float[] negatives;
    private final List<Point> curve;
    private final Point best;

    private ThresholdCalibration(float[] positives, float[] negatives) {
        this.positives = positives;
        this.negatives = negatives;
        this.curve = sweep();
        Point b = curve.get(0);
        for (Point p : curve) {
            if (p.f1() > b.f1()) {
                b = p;
            }
        }
        this.best = b;
    }

    /** Calibrates on the cosines of matched pairs (should MATCH) and mismatched pairs (should not). */
    public static ThresholdCalibration of(float[] matched, float[] mismatched) {
        if (matched.length == 0) {
            throw new IllegalArgumentException("calibration needs at least one matched pair");
        }
        float[] pos = matched.clone();
        float[] neg = mismatched.clone();
        Arrays.sort(pos);
        Arrays.sort(neg);
        return new ThresholdCalibration(pos, neg);
    }

    /** Every distinct score is tried as a threshold, so the optimum is exact, not grid-limited. */
    private List<Point> sweep() {
        float[] all = new float[positives.length + negatives.length];
        System.arraycopy(positives, 0, all, 0, positives.length);
        System.arraycopy(negatives, 0, all, positives.length, negatives.length);
        Arrays.sort(all);
        List<Point> points = new ArrayList<>();
        float last = Float.NaN;
        for (float t : all) {
            if (t != last) {
                points.add(at(t));
                last = t;
            }
        }
        return points;
    }

    /** Decision quality when pairs with cosine at or above {@code threshold} are MATCH. */
    public Point at(float threshold) {
        int tp = positives.length - lowerBound(positives, threshold);
        int fp = negatives.length - lowerBound(negatives, threshold);
        double precision = tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        double recall = (double) tp / positives.length;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Point(threshold, precision, recall, f1);
    }

    private static int lowerBound(float[] sorted, float value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The point with the highest F1 (the lowest such threshold when several tie). */
    public Point best() {
        return best;
    }

    /** One point per distinct score, by rising threshold. */
    public List<Point> curve() {
        return curve;
    }

    /** Number of matched pairs. */
    public int matchedCount() {
        return positives.length;
    }

    /** Number of mismatched pairs. */
    public int mismatchedCount() {
        return negatives.length;
    }
}
