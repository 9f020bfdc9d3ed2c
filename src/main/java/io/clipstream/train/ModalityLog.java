package io.clipstream.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Each tower's gradient norm per step and the text tower's share {@code text / (text + image)}:
 * how much each modality drives the update. A share near 0 or 1 means one tower barely learns
 * (a frozen tower gives exactly 0 or 1). Summarised in the training log and written, with the
 * loss, as training curves into the model's {@code clipstream.json} for the evaluation report.
 */
final class ModalityLog {

    /** Most points a written curve has; longer runs are subsampled evenly. */
    static final int MAX_POINTS = 200;

    private final List<double[]> norms = new ArrayList<>();

    void add(TrainingStep.Outcome outcome) {
        norms.add(new double[] {outcome.imageNorm(), outcome.textNorm()});
    }

    int size() {
        return norms.size();
    }

    /** Means of the last {@code n} steps: image and text gradient norm, text share. */
    String summary(int n) {
        List<double[]> tail = norms.subList(Math.max(0, norms.size() - n), norms.size());
        double image = tail.stream().mapToDouble(v -> v[0]).average().orElse(Double.NaN);
        double text = tail.stream().mapToDouble(v -> v[1]).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "gradient norm image %.4f text %.4f, text share %.3f (mean of the last %d steps)",
                image, text, text / (text + image), tail.size());
    }

    /**
     * {@code {"step":[...],"loss":[...],"image_grad_norm":[...],"text_grad_norm":[...],"text_share":[...]}}
     * over every step of {@code losses} (the run from {@code firstStep}); steps taken before a
     * resume have a loss but no norms (null).
     */
    JsonNode curves(ObjectMapper json, int firstStep, List<Double> losses) {
        ObjectNode out = json.createObjectNode();
        ArrayNode step = out.putArray("step");
        ArrayNode loss = out.putArray("loss");
        ArrayNode image = out.putArray("image_grad_norm");
        ArrayNode text = out.putArray("text_grad_norm");
        ArrayNode share = out.putArray("text_share");
        int n = losses.size();
        int offset = n - norms.size();
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < n; i += stride) {
            step.add(firstStep + i);
            loss.add(round(losses.get(i)));
            int k = i - offset;
            if (k >= 0 && k < norms.size()) {
                double[] v = norms.get(k);
                image.add(round(v[0]));
                text.add(round(v[1]));
                share.add(round(v[1] / (v[0] + v[1])));
            } else {
                image.addNull();
                text.addNull();
                share.addNull();
            }
        }
        return out;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e5) / 1e5 : 0;
    }
}
