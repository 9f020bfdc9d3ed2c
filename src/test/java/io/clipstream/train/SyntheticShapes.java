package io.clipstream.train;

import io.clipstream.dataset.DatasetEntry;
import io.clipstream.dataset.DatasetWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A tiny captioned dataset of coloured shapes ("red circle", ...), two drawings per class. */
final class SyntheticShapes {

    static final String[] COLOURS = {"red", "green", "blue", "yellow"};
    static final Color[] RGB = {new Color(220, 30, 30), new Color(30, 180, 40), new Color(30, 60, 220), new Color(240, 220, 20)};
    static final String[] SHAPES = {"circle", "square", "triangle", "bar"};

    private SyntheticShapes() {}

    /** Writes 16 classes x 2 images at 32 px into {@code dir}; returns the number of classes. */
    static int write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("img"));
        try (DatasetWriter writer = DatasetWriter.create(dir)) {
            for (int c = 0; c < COLOURS.length; c++) {
                for (int s = 0; s < SHAPES.length; s++) {
                    for (int v = 0; v < 2; v++) {
                        String file = "img/" + COLOURS[c] + "-" + SHAPES[s] + "-" + v + ".png";
                        ImageIO.write(draw(RGB[c], s, v), "png", dir.resolve(file).toFile());
                        String name = COLOURS[c] + " " + SHAPES[s];
                        writer.write(new DatasetEntry(file, List.of(name, "a " + name), name, SHAPES[s]));
                    }
                }
            }
        }
        return COLOURS.length * SHAPES.length;
    }

    private static BufferedImage draw(Color colour, int shape, int variant) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 32, 32);
        g.setColor(colour);
        int o = variant == 0 ? 4 : 7;
        int size = variant == 0 ? 24 : 19;
        switch (shape) {
            case 0 -> g.fillOval(o, o, size, size);
            case 1 -> g.fillRect(o, o, size, size);
            case 2 -> g.fillPolygon(new Polygon(new int[] {o, o + size, o + size / 2}, new int[] {o + size, o + size, o}, 3));
            default -> g.fillRect(o, 13, size, 6);
        }
        g.dispose();
        return image;
    }
}
