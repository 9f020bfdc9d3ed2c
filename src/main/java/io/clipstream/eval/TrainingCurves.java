package io.clipstream.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The training curves a model folder's {@code clipstream.json} carries ({@code training.curves}:
 * loss, each tower's gradient norm, the text share), drawn as inline SVG for the evaluation report.
 */
public final class TrainingCurves {

    private static final int W = 640;
    private static final int H = 220;
    private static final int PAD = 44;

    private final JsonNode curves;

    private TrainingCurves(JsonNode curves) {
        this.curves = curves;
    }

    /** The curves of {@code modelDir}, when its {@code clipstream.json} has them. */
    public static Optional<TrainingCurves> read(Path modelDir) {
        Path file = modelDir.resolve(ModelMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode c = new ObjectMapper().readTree(file.toFile()).path("training").path("curves");
            return c.path("step").size() > 1 ? Optional.of(new TrainingCurves(c)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Two plots: the loss, and the text share with each tower's gradient norm. */
    String html() {
        return "<h2>Training</h2>\n<p>Loss per step, and the modality contribution: each tower's gradient norm "
                + "and the text tower's share text/(text+image).</p>\n"
                + svg(new String[] {"loss"}, new String[] {"#1f77b4"}, false)
                + "\n" + svg(new String[] {"text_share", "image_grad_norm", "text_grad_norm"},
                        new String[] {"#d62728", "#2ca02c", "#9467bd"}, true) + "\n";
    }

    private String svg(String[] names, String[] colours, boolean shareAxis) {
        List<Double> steps = values("step");
        double x0 = steps.get(0);
        double x1 = Math.max(x0 + 1, steps.get(steps.size() - 1));
        double hi = 0;
        for (String n : names) {
            if (!n.equals("text_share")) {
                for (Double v : values(n)) {
                    hi = v == null ? hi : Math.max(hi, v);
                }
            }
        }
        hi = hi <= 0 ? 1 : hi;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">\n", W, H));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
                PAD, PAD / 2, W - 2 * PAD, H - 2 * PAD));
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>\n", PAD - 4, y(f) + 4, hi * f));
            if (shareAxis) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#d62728\">%.2f</text>\n", W - PAD + 4, y(f) + 4, f));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>\n",
                    PAD + f * (W - 2 * PAD), H - PAD + 16, x0 + f * (x1 - x0)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">step</text>\n", W / 2, H - 6));
        for (int n = 0; n < names.length; n++) {
            double top = names[n].equals("text_share") ? 1 : hi;
            List<Double> v = values(names[n]);
            sb.append("<polyline fill=\"none\" stroke=\"").append(colours[n]).append("\" stroke-width=\"1.5\" points=\"");
            for (int i = 0; i < steps.size(); i++) {
                if (v.get(i) != null) {
                    sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", PAD + (steps.get(i) - x0) / (x1 - x0) * (W - 2 * PAD), y(v.get(i) / top)));
                }
            }
            sb.append("\"/>\n");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", W - PAD - 110, PAD / 2 + 16 + 14 * n,
                    colours[n], names[n].replace('_', ' ')));
        }
        return sb.append("</svg>").toString();
    }

    private List<Double> values(String name) {
        List<Double> out = new ArrayList<>();
        for (JsonNode v : curves.path(name)) {
            out.add(v.isNumber() ? v.asDouble() : null);
        }
        while (out.size() < curves.path("step").size()) {
            out.add(null);
        }
        return out;
    }

    private static double y(double f) {
        return PAD / 2.0 + (1 - Math.max(0, Math.min(1, f))) * (H - 2 * PAD);
    }
}
