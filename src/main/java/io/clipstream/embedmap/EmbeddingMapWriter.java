package io.clipstream.embedmap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws an {@link EmbeddingMap}: a self-contained HTML page (inline SVG; hovering a point shows
 * its caption and thumbnail; no external files) and a PNG. Images are blue circles, texts orange
 * triangles; a faint line joins each image to its own text.
 */
public final class EmbeddingMapWriter {

    /** File names written by {@link #write}. */
    public static final String HTML = "embed-map.html";
    public static final String PNG = "embed-map.png";

    private static final int SIDE = 720;
    private static final int PAD = 30;
    private static final String IMAGE_COLOUR = "#1f77b4";
    private static final String TEXT_COLOUR = "#ff7f0e";

    private EmbeddingMapWriter() {}

    /** Writes {@link #HTML} and {@link #PNG} into {@code dir}. */
    public static void write(EmbeddingMap map, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(HTML), "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>embedding map: "
                + esc(map.model()) + "</title></head><body style=\"font-family:sans-serif;margin:2em\">\n" + section(map)
                + "</body></html>\n", StandardCharsets.UTF_8);
        ImageIO.write(png(map), "png", dir.resolve(PNG).toFile());
    }

    /** The map as an HTML fragment (heading, legend, SVG, hover script), also used by the evaluation report. */
    public static String section(EmbeddingMap map) {
        float[] box = bounds(map.points());
        StringBuilder sb = new StringBuilder();
        sb.append("<h2>Embedding map</h2>\n<p>").append(esc(map.model())).append(" on ").append(esc(map.dataset())).append(": ")
                .append(map.points().size() / 2).append(" items, each as <span style=\"color:").append(IMAGE_COLOUR)
                .append("\">&#9679; image</span> and <span style=\"color:").append(TEXT_COLOUR).append("\">&#9650; text</span>; ")
                .append(esc(map.projection())).append(". Modality gap (distance of the image and text centroids in the embedding space): ")
                .append(String.format(Locale.ROOT, "%.3f", map.modalityGap())).append(". Hover a point for its caption and picture.</p>\n");
        sb.append(String.format(Locale.ROOT, "<div style=\"position:relative\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "style=\"border:1px solid #ccc\">\n", SIDE, SIDE));
        int n = map.points().size() / 2;
        for (int i = 0; i < n; i++) {
            EmbeddingMap.Point a = map.points().get(i);
            EmbeddingMap.Point b = map.points().get(n + i);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                    x(a.x(), box), y(a.y(), box), x(b.x(), box), y(b.y(), box)));
        }
        for (EmbeddingMap.Point p : map.points()) {
            double px = x(p.x(), box);
            double py = y(p.y(), box);
            String data = " data-caption=\"" + esc(p.caption()) + "\" data-kind=\"" + (p.image() ? "image" : "text")
                    + "\" data-item=\"" + p.item() + "\"";
            if (p.image()) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" fill-opacity=\"0.8\"%s/>\n",
                        px, py, IMAGE_COLOUR, data));
            } else {
                sb.append(String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\" fill-opacity=\"0.8\"%s/>\n",
                        px, py - 5, px - 4.5, py + 3.5, px + 4.5, py + 3.5, TEXT_COLOUR, data));
            }
        }
        sb.append("</svg><div id=\"emap-tip\" style=\"display:none;position:absolute;background:#fff;border:1px solid #888;"
                + "padding:4px;font-size:12px;pointer-events:none\"></div></div>\n");
        // each thumbnail once, shared by the item's two points
        sb.append("<script>var emapThumbs=[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(map.points().get(i).thumbnail()).append('"');
        }
        sb.append("];</script>\n");
        sb.append("<script>(function(){var tip=document.getElementById('emap-tip');"
                + "document.querySelectorAll('[data-caption]').forEach(function(el){"
                + "el.addEventListener('mouseover',function(){tip.innerHTML='';var img=document.createElement('img');"
                + "img.src=emapThumbs[+el.getAttribute('data-item')];img.width=64;var t=document.createElement('div');"
                + "t.textContent=el.getAttribute('data-kind')+': '+el.getAttribute('data-caption');tip.appendChild(img);tip.appendChild(t);"
                + "var b=el.getBBox();tip.style.left=(b.x+12)+'px';tip.style.top=(b.y+12)+'px';tip.style.display='block';});"
                + "el.addEventListener('mouseout',function(){tip.style.display='none';});});})();</script>\n");
        return sb.toString();
    }

    /** The map as a picture, with a legend and the projection's name. */
    static BufferedImage png(EmbeddingMap map) {
        float[] box = bounds(map.points());
        BufferedImage out = new BufferedImage(SIDE, SIDE + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int n = map.points().size() / 2;
        g.setColor(new Color(225, 225, 225));
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < n; i++) {
            EmbeddingMap.Point a = map.points().get(i);
            EmbeddingMap.Point b = map.points().get(n + i);
            g.drawLine((int) x(a.x(), box), (int) y(a.y(), box), (int) x(b.x(), box), (int) y(b.y(), box));
        }
        Color image = Color.decode(IMAGE_COLOUR);
        Color text = Color.decode(TEXT_COLOUR);
        for (EmbeddingMap.Point p : map.points()) {
            int px = (int) Math.round(x(p.x(), box));
            int py = (int) Math.round(y(p.y(), box));
            if (p.image()) {
                g.setColor(image);
                g.fillOval(px - 4, py - 4, 8, 8);
            } else {
                g.setColor(text);
                g.fillPolygon(new Polygon(new int[] {px, px - 5, px + 5}, new int[] {py - 5, py + 4, py + 4}, 3));
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(image);
        g.fillOval(10, SIDE + 8, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString("image", 26, SIDE + 18);
        g.setColor(text);
        g.fillPolygon(new Polygon(new int[] {85, 79, 91}, new int[] {SIDE + 7, SIDE + 18, SIDE + 18}, 3));
        g.setColor(Color.BLACK);
        g.drawString("text", 96, SIDE + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%s on %s, %s, modality gap %.3f", map.model(), map.dataset(),
                map.projection(), map.modalityGap()), 140, SIDE + 18);
        g.drawString("a grey line joins each image to its own caption", 140, SIDE + 33);
        g.dispose();
        return out;
    }

    private static float[] bounds(List<EmbeddingMap.Point> points) {
        float x0 = Float.POSITIVE_INFINITY;
        float x1 = Float.NEGATIVE_INFINITY;
        float y0 = Float.POSITIVE_INFINITY;
        float y1 = Float.NEGATIVE_INFINITY;
        for (EmbeddingMap.Point p : points) {
            x0 = Math.min(x0, p.x());
            x1 = Math.max(x1, p.x());
            y0 = Math.min(y0, p.y());
            y1 = Math.max(y1, p.y());
        }
        return new float[] {x0, Math.max(x1, x0 + 1e-6f), y0, Math.max(y1, y0 + 1e-6f)};
    }

    private static double x(float v, float[] box) {
        return PAD + (v - box[0]) / (box[1] - box[0]) * (SIDE - 2 * PAD);
    }

    private static double y(float v, float[] box) {
        return PAD + (1 - (v - box[2]) / (box[3] - box[2])) * (SIDE - 2 * PAD);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
