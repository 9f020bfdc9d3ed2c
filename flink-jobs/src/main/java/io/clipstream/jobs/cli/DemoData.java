package io.clipstream.jobs.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Images with the caption that belongs to each: the demo's ground truth. From a folder
 * ({@code captions.tsv}: {@code file<TAB>caption} lines next to the images), from the
 * {@code demo/} resources when they are bundled, or drawn: coloured shapes.
 */
final class DemoData {

    /** One image and its true caption. */
    record Item(String id, byte[] image, String caption) {}

    private static final String[] COLORS = {"red", "green", "blue", "yellow", "purple", "orange"};
    private static final Color[] RGB = {Color.RED, new Color(0, 160, 0), Color.BLUE, Color.YELLOW,
        new Color(128, 0, 160), new Color(255, 140, 0)};
    private static final String[] SHAPES = {"circle", "square", "triangle", "cross"};

    private DemoData() {}

    /** Items of {@code dir}/captions.tsv. */
    static List<Item> fromFolder(Path dir) throws IOException {
        List<Item> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("captions.tsv"))) {
            String[] f = line.split("\t", 2);
            if (line.isBlank() || line.startsWith("#") || f.length < 2) {
                continue;
            }
            out.add(new Item(slug(f[1]), Files.readAllBytes(dir.resolve(f[0])), f[1].strip()));
        }
        return out;
    }

    /** Items bundled under {@code demo/} on the class path, or none. */
    static List<Item> bundled() throws IOException {
        try (InputStream index = DemoData.class.getResourceAsStream("/demo/captions.tsv")) {
            if (index == null) {
                return List.of();
            }
            List<Item> out = new ArrayList<>();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t", 2);
                if (line.isBlank() || line.startsWith("#") || f.length < 2) {
                    continue;
                }
                try (InputStream img = DemoData.class.getResourceAsStream("/demo/" + f[0])) {
                    if (img != null) {
                        out.add(new Item(slug(f[1]), img.readAllBytes(), f[1].strip()));
                    }
                }
            }
            return out;
        }
    }

    /** Every colour and shape once: 24 drawn images. */
    static List<Item> drawn() {
        List<Item> out = new ArrayList<>();
        for (int c = 0; c < COLORS.length; c++) {
            for (String shape : SHAPES) {
                out.add(new Item(COLORS[c] + "-" + shape, png(RGB[c], shape), "a " + COLORS[c] + " " + shape));
            }
        }
        return out;
    }

    /** {@code items} shuffled with {@code seed}, repeated until there are {@code count}. */
    static List<Item> sample(List<Item> items, int count, long seed) {
        List<Item> out = new ArrayList<>();
        Random random = new Random(seed);
        int round = 0;
        while (out.size() < count) {
            List<Item> shuffled = new ArrayList<>(items);
            Collections.shuffle(shuffled, random);
            for (Item i : shuffled) {
                if (out.size() == count) {
                    break;
                }
                out.add(round == 0 ? i : new Item(i.id() + "-" + round, i.image(), i.caption()));
            }
            round++;
        }
        return out;
    }

    /** A readable image id from its caption: "maple leaf" becomes "maple-leaf". */
    private static String slug(String caption) {
        return caption.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static byte[] png(Color color, String shape) {
        int s = 96;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, s, s);
        g.setColor(color);
        switch (shape) {
            case "circle" -> g.fillOval(14, 14, 68, 68);
            case "square" -> g.fillRect(18, 18, 60, 60);
            case "triangle" -> g.fillPolygon(new Polygon(new int[] {48, 84, 12}, new int[] {12, 82, 82}, 3));
            default -> {
                g.setStroke(new BasicStroke(18));
                g.drawLine(20, 20, 76, 76);
                g.drawLine(76, 20, 20, 76);
            }
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
