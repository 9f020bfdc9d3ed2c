package io.clipstream.preprocess;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the test resources under {@code io/clipstream/preprocess/}. */
final class PilFixtures {

    private PilFixtures() {}

    static byte[] bytes(String path) {
        try (InputStream in = PilFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG fixture decoded by the production decoder and converted to RGB. */
    static RgbImage rgb(String path) {
        return ImageDecoder.create().decodeRgb(bytes(path));
    }

    static BufferedImage raw(String path) {
        return ImageDecoder.create().decodeRaw(bytes(path));
    }

    static float[] floats(String path) {
        ByteBuffer buf = ByteBuffer.wrap(bytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(out);
        return out;
    }

    /** Mean difference over all channels of all pixels; the sizes must match. */
    static double meanAbsDiff(RgbImage a, RgbImage b) {
        maxAbsDiff(a, b);
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            int p = a.pixels()[i];
            int q = b.pixels()[i];
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((p >>> shift) & 0xFF) - ((q >>> shift) & 0xFF));
            }
        }
        return sum / (3.0 * a.pixels().length);
    }

    /** Largest difference of any channel of any pixel; the sizes must match. */
    static int maxAbsDiff(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("size " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            int p = a.pixels()[i];
            int q = b.pixels()[i];
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs(((p >>> shift) & 0xFF) - ((q >>> shift) & 0xFF)));
            }
        }
        return max;
    }
}
