package io.clipstream.preprocess;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photo-like JPEGs of COCO's sizes (640x480 and 480x640, quality 90), made from a seed, for
 * benchmarks: a sky and a ground with smooth gradients, shaded shapes with soft edges, textures of
 * several scales and a little sensor noise. They compress like photographs (tens of kilobytes, most
 * of the detail in the low frequencies), which pure noise does not, so JPEG decoding and resizing
 * cost what they cost on real pictures.
 *
 * <pre>{@code
 * List<byte[]> jpegs = SyntheticPhotos.jpegs(200, 42);
 * }</pre>
 */
public final class SyntheticPhotos {

    /** JPEG quality of the photos, as COCO's images and Pillow's {@code quality=90}. */
    public static final float QUALITY = 0.9f;

    private SyntheticPhotos() {}

    /** {@code count} JPEGs, two landscape (640x480) for each portrait (480x640), reproducible from {@code seed}. */
    public static List<byte[]> jpegs(int count, long seed) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean portrait = i % 3 == 2;
            out.add(jpeg(photo(portrait ? 480 : 640, portrait ? 640 : 480, seed * 1_000_003L + i), QUALITY));
        }
        return out;
    }

    /** One photo-like image of {@code width x height}. */
    public static BufferedImage photo(int width, int height, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int horizon = (int) (height * (0.3 + 0.4 * r.nextDouble()));
        g.setPaint(new GradientPaint(0, 0, hsb(r, 0.52f, 0.68f, 0.3f, 0.7f, 0.45f, 0.8f), 0, horizon,
                hsb(r, 0.5f, 0.62f, 0.05f, 0.35f, 0.8f, 1f)));
        g.fill(new Rectangle2D.Double(0, 0, width, horizon));
        g.setPaint(new GradientPaint(0, horizon, hsb(r, 0.08f, 0.35f, 0.3f, 0.7f, 0.35f, 0.7f), 0, height,
                hsb(r, 0.05f, 0.3f, 0.4f, 0.8f, 0.15f, 0.45f)));
        g.fill(new Rectangle2D.Double(0, horizon, width, height - horizon));
        // hills on the horizon
        Path2D hills = new Path2D.Double();
        hills.moveTo(0, horizon);
        for (int x = 0; x <= width; x += width / 8) {
            hills.lineTo(x, horizon - r.nextDouble() * height * 0.12);
        }
        hills.lineTo(width, horizon);
        hills.closePath();
        g.setPaint(hsb(r, 0.2f, 0.4f, 0.2f, 0.5f, 0.25f, 0.5f));
        g.fill(hills);
        int shapes = 3 + r.nextInt(6);
        for (int s = 0; s < shapes; s++) {
            double w = width * (0.08 + 0.35 * r.nextDouble());
            double h = height * (0.08 + 0.4 * r.nextDouble());
            double x = r.nextDouble() * (width - w);
            double y = horizon - h * 0.6 + r.nextDouble() * (height - horizon) * 0.7;
            Color base = hsb(r, 0f, 1f, 0.2f, 0.9f, 0.3f, 0.95f);
            g.setPaint(new GradientPaint((float) x, (float) y, base.brighter(), (float) (x + w), (float) (y + h), base.darker()));
            if (r.nextBoolean()) {
                g.fill(new Ellipse2D.Double(x, y, w, h));
            } else {
                g.fill(new Rectangle2D.Double(x, y, w, h));
            }
        }
        g.dispose();
        texture(img, r);
        return img;
    }

    /** Adds value noise of four scales (clouds, grass, leaves, grain) and sensor noise to every pixel. */
    private static void texture(BufferedImage img, Random r) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        float[] coarse = valueNoise(w, h, 96, r);
        float[] medium = valueNoise(w, h, 20, r);
        float[] small = valueNoise(w, h, 7, r);
        float[] fine = valueNoise(w, h, 3, r);
        for (int i = 0; i < px.length; i++) {
            float shade = 18 * coarse[i] + 12 * medium[i] + 10 * small[i] + 12 * fine[i];
            int v = px[i];
            int red = clamp(((v >>> 16) & 0xFF) + shade + (float) r.nextGaussian() * 2.5f);
            int green = clamp(((v >>> 8) & 0xFF) + shade * 0.9f + (float) r.nextGaussian() * 2.5f);
            int blue = clamp((v & 0xFF) + shade * 0.8f + (float) r.nextGaussian() * 2.5f);
            px[i] = red << 16 | green << 8 | blue;
        }
    }

    /** Random values on a grid of {@code cell} pixels, interpolated smoothly; values in -1..1. */
    private static float[] valueNoise(int w, int h, int cell, Random r) {
        int gw = w / cell + 2;
        int gh = h / cell + 2;
        float[] grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = r.nextFloat() * 2 - 1;
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int gy = y / cell;
            float fy = smooth((y % cell) / (float) cell);
            for (int x = 0; x < w; x++) {
                int gx = x / cell;
                float fx = smooth((x % cell) / (float) cell);
                float top = grid[gy * gw + gx] * (1 - fx) + grid[gy * gw + gx + 1] * fx;
                float bottom = grid[(gy + 1) * gw + gx] * (1 - fx) + grid[(gy + 1) * gw + gx + 1] * fx;
                out[y * w + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return out;
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }

    private static int clamp(float v) {
        return v < 0 ? 0 : v > 255 ? 255 : (int) v;
    }

    private static Color hsb(Random r, float h0, float h1, float s0, float s1, float b0, float b1) {
        return Color.getHSBColor(h0 + (h1 - h0) * r.nextFloat(), s0 + (s1 - s0) * r.nextFloat(), b0 + (b1 - b0) * r.nextFloat());
    }

    /** {@code image} as a baseline JPEG of {@code quality} (0..1), 4:2:0 as ImageIO and Pillow write it. */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
