package io.clipstream.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page of an evaluation: the figures as tables and, as inline SVG,
 * precision, recall and F1 of MATCH decisions against the threshold, with the recommended
 * threshold marked; optionally the training curves and extra sections (an embedding map, whose
 * hover script is then the only script). No external files: it opens anywhere and can be archived with a
 * model.
 */
public final class HtmlReport {

    private static final int W = 640;
    private static final int H = 320;
    private static final int PAD = 44;

    private HtmlReport() {}

    /** Writes the page. */
    public static void write(EvalResult r, Path file) throws IOException {
        write(r, file, null, "");
    }

    /**
     * Writes the page with the model's training curves (null for none) and extra HTML sections
     * (such as an embedding map) appended at the end.
     */
    public static void write(EvalResult r, Path file, TrainingCurves curves, String extra) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String page = html(r);
        String more = (curves == null ? "" : curves.html()) + (extra == null ? "" : extra);
        Files.writeString(file, page.replace("\n</body></html>\n", "\n" + more + "</body></html>\n"), StandardCharsets.UTF_8);
    }

    static String html(EvalResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>clipstream eval: ")
                .append(esc(r.modelId())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:720px}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}</style></head><body>\n");
        sb.append("<h1>").append(esc(r.modelId())).append(" on ").append(esc(r.dataset())).append("</h1>\n");
        sb.append("<p>").append(r.images()).append(" images, ").append(r.candidates()).append(" distinct captions.</p>\n");
        sb.append("<h2>Retrieval</h2>\n<table><tr><th>direction</th><th>R@1</th><th>R@5</th><th>R@10</th></tr>\n");
        row(sb, "image &rarr; text", r.imageToText().get(1), r.imageToText().get(5), r.imageToText().get(10));
        row(sb, "text &rarr; image", r.textToImage().get(1), r.textToImage().get(5), r.textToImage().get(10));
        sb.append("</table>\n<p>Zero-shot accuracy: ").append(pct(r.zeroShotAccuracy())).append(" over ")
                .append(r.zeroShotLabels()).append(" labels.</p>\n");
        ThresholdCalibration.Point b = r.calibration().best();
        sb.append("<h2>MATCH threshold</h2>\n<p>Recommended threshold (maximum F1): <b>")
                .append(String.format(Locale.ROOT, "%.4f", b.threshold())).append("</b> &mdash; precision ")
                .append(pct(b.precision())).append(", recall ").append(pct(b.recall())).append(", F1 ")
                .append(String.format(Locale.ROOT, "%.3f", b.f1())).append(" on ").append(r.calibration().matchedCount())
                .append(" matched and ").append(r.calibration().mismatchedCount()).append(" mismatched pairs.</p>\n");
        sb.append(svg(r.calibration()));
        if (r.baselines() != null) {
            baselines(sb, r.baselines());
        }
        sb.append("\n</body></html>\n");
        return sb.toString();
    }

    private static String svg(ThresholdCalibration cal) {
        List<ThresholdCalibration.Point> curve = cal.curve();
        float lo = curve.get(0).threshold();
        float hi = curve.get(curve.size() - 1).threshold();
        if (hi <= lo) {
            hi = lo + 1e-3f;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">\n", W, H));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
                PAD, PAD / 2, W - 2 * PAD, H - 2 * PAD));
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n", PAD - 4, y(v) + 4, v));
            double t = lo + (hi - lo) * v;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>\n", x(t, lo, hi), H - PAD + 16, t));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cosine threshold</text>\n", W / 2, H - 6));
        polyline(sb, curve, lo, hi, 0, "#1f77b4");
        polyline(sb, curve, lo, hi, 1, "#ff7f0e");
        polyline(sb, curve, lo, hi, 2, "#2ca02c");
        float best = cal.best().threshold();
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>\n",
                x(best, lo, hi), x(best, lo, hi), PAD / 2, PAD / 2 + H - 2 * PAD));
        String[][] legend = {{"precision", "#1f77b4"}, {"recall", "#ff7f0e"}, {"F1", "#2ca02c"}, {"recommended", "#d62728"}};
        for (int i = 0; i < legend.length; i++) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", W - PAD - 90, PAD / 2 + 16 + 14 * i,
                    legend[i][1], legend[i][0]));
        }
        return sb.append("</svg>").toString();
    }

    private static void polyline(StringBuilder sb, List<ThresholdCalibration.Point> curve, float lo, float hi, int which, String colour) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
        int stride = Math.max(1, curve.size() / 400);
        for (int i = 0; i < curve.size(); i += stride) {
            ThresholdCalibration.Point p = curve.get(i);
            double v = which == 0 ? p.precision() : which == 1 ? p.recall() : p.f1();
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.threshold(), lo, hi), y(v)));
        }
        sb.append("\"/>\n");
    }

    private static double x(double t, float lo, float hi) {
        return PAD + (t - lo) / (hi - lo) * (W - 2 * PAD);
    }

    private static double y(double v) {
        return PAD / 2.0 + (1 - v) * (H - 2 * PAD);
    }

    private static void baselines(StringBuilder sb, NeighbourBaselines b) {
        sb.append("\n<h2>Single-modality baselines</h2>\n<p>Each item is an image with its label as text; two items are related "
                + "when they share the label or a caption. A query (an item as image or as text) is a hit at K when a related "
                + "other item is among the K best other items; ").append(b.queries())
                .append(" items have a related item. Same protocol in all four directions, so the cross-modal rows compare "
                        + "directly with the single-modality ones.</p>\n<table><tr><th>direction</th><th>R@1</th><th>R@5</th><th>R@10</th></tr>\n");
        row(sb, "image &rarr; image", b.imageToImage()[0], b.imageToImage()[1], b.imageToImage()[2]);
        row(sb, "text &rarr; text", b.textToText()[0], b.textToText()[1], b.textToText()[2]);
        row(sb, "image &rarr; text", b.imageToText()[0], b.imageToText()[1], b.imageToText()[2]);
        row(sb, "text &rarr; image", b.textToImage()[0], b.textToImage()[1], b.textToImage()[2]);
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String name, double r1, double r5, double r10) {
        sb.append("<tr><td>").append(name).append("</td><td>").append(pct(r1)).append("</td><td>").append(pct(r5))
                .append("</td><td>").append(pct(r10)).append("</td></tr>\n");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
