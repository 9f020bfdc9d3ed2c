package io.clipstream.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes explanations: one PNG per text (the picture with the heat map over it, the text below
 * with each word shaded by its relevance, and the cosine) and {@code relevance.json}, a list of
 * {@code {"text", "cosine", "image_map", "tokens", "token_relevance"}}.
 */
public final class ExplanationWriter {

    /** Long side of the picture in a written PNG. */
    static final int PICTURE_SIDE = 384;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplanationWriter() {}

    /** Writes every file into {@code dir}; returns the PNGs, in the order of the explanations. */
    public static List<Path> write(BufferedImage image, List<Explanation> explanations, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> pngs = new ArrayList<>();
        ArrayNode list = JSON.createArrayNode();
        for (int i = 0; i < explanations.size(); i++) {
            Explanation e = explanations.get(i);
            Path png = dir.resolve(String.format(Locale.ROOT, "relevance-%02d-%s.png", i + 1, slug(e.text())));
            ImageIO.write(render(image, e), "png", png.toFile());
            pngs.add(png);
            ObjectNode o = list.addObject();
            o.put("text", e.text());
            o.put("cosine", e.cosine());
            ArrayNode map = o.putArray("image_map");
            for (float[] row : e.imageMap()) {
                ArrayNode r = map.addArray();
                for (float v : row) {
                    r.add(Math.round(v * 1e4) / 1e4);
                }
            }
            ArrayNode tokens = o.putArray("tokens");
            e.tokens().forEach(tokens::add);
            ArrayNode rel = o.putArray("token_relevance");
            for (float v : e.tokenRelevance()) {
                rel.add(Math.round(v * 1e4) / 1e4);
            }
            o.put("png", png.getFileName().toString());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("relevance.json").toFile(), list);
        return pngs;
    }

    /** The picture with the heat map over it and the shaded words below. */
    static BufferedImage render(BufferedImage image, Explanation e) {
        double f = (double) PICTURE_SIDE / Math.max(image.getWidth(), image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * f));
        int h = Math.max(1, (int) Math.round(image.getHeight() * f));
        int textHeight = 64;
        BufferedImage out = new BufferedImage(Math.max(w, 320), h + textHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, f > 1 ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        float[][] map = e.imageMap();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = sample(map, (x + 0.5) / w, (y + 0.5) / h);
                int base = out.getRGB(x, y);
                int heat = heat(v);
                double a = 0.08 + 0.5 * v;
                out.setRGB(x, y, blend(base, heat, a));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        FontMetrics fm = g.getFontMetrics();
        int x = 8;
        int baseline = h + 24;
        for (int i = 0; i < e.tokens().size(); i++) {
            String word = display(e.tokens().get(i));
            if (word.isEmpty()) {
                continue;
            }
            int width = fm.stringWidth(word);
            float v = e.tokenRelevance()[i];
            g.setColor(new Color(1f, 1f - 0.75f * v, 1f - 0.85f * v));
            g.fillRect(x - 2, baseline - fm.getAscent(), width + 4, fm.getAscent() + fm.getDescent());
            g.setColor(Color.BLACK);
            g.drawString(word, x, baseline);
            x += width + 8;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "cosine %.3f", e.cosine()), 8, h + 52);
        g.dispose();
        return out;
    }

    /**
     * A token as a word: special tokens and padding hidden ({@code <|...|>} of CLIP, {@code </s>}
     * and padding of SigLIP, {@code [CLS]}/{@code [SEP]}/{@code [PAD]} of BERT), BPE end-of-word
     * marks, SentencePiece word marks and WordPiece continuation marks dropped.
     */
    static String display(String token) {
        if (token.startsWith("<|") && token.endsWith("|>") || HIDDEN.contains(token)) {
            return "";
        }
        String word = token.replace("</w>", "").replace("\u2581", "");
        return word.startsWith("##") && word.length() > 2 ? word.substring(2) : word;
    }

    private static final java.util.Set<String> HIDDEN = java.util.Set.of(RelevanceExplainer.PAD, "<s>", "</s>",
            "[CLS]", "[SEP]", "[PAD]");

    private static float sample(float[][] map, double fx, double fy) {
        int r = Math.min(map.length - 1, (int) (fy * map.length));
        int c = Math.min(map[0].length - 1, (int) (fx * map[0].length));
        return map[r][c];
    }

    /** A blue→cyan→yellow→red scale. */
    static int heat(float v) {
        float r = clamp(1.5f - Math.abs(4 * v - 3));
        float gr = clamp(1.5f - Math.abs(4 * v - 2));
        float b = clamp(1.5f - Math.abs(4 * v - 1));
        return ((int) (r * 255) << 16) | ((int) (gr * 255) << 8) | (int) (b * 255);
    }

    private static float clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    private static int blend(int base, int over, double a) {
        int r = (int) (((base >> 16) & 255) * (1 - a) + ((over >> 16) & 255) * a);
        int g = (int) (((base >> 8) & 255) * (1 - a) + ((over >> 8) & 255) * a);
        int b = (int) ((base & 255) * (1 - a) + (over & 255) * a);
        return (r << 16) | (g << 8) | b;
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "text" : s.substring(0, Math.min(40, s.length()));
    }
}
