package io.clipstream.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An 8-bit RGB image as one packed {@code 0xRRGGBB} int per pixel, row by row: the working form of
 * the preprocessing steps, the counterpart of a PIL image in mode {@code "RGB"}.
 *
 * <p>The pixel array is shared, not copied; treat it as read-only once the image is handed on.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final int[] pixels;

    /**
     * Wraps {@code pixels} ({@code width * height} packed {@code 0xRRGGBB} values; bits 24..31 are
     * ignored).
     */
    public RgbImage(int width, int height, int[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must have positive size: " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Converts any decoded image to 8-bit RGB with {@link RgbConversion}. */
    public static RgbImage of(BufferedImage image) {
        return RgbConversion.toRgb(image);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array, {@code 0xRRGGBB} per pixel, row-major. */
    public int[] pixels() {
        return pixels;
    }

    /** The pixel at column {@code x}, row {@code y} as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        return pixels[y * width + x] & 0xFFFFFF;
    }

    /**
     * A {@code TYPE_INT_RGB} image sharing this image's pixel array, for a caller that hands this
     * image on and keeps no reference to it (saves a copy of up to hundreds of megabytes).
     */
    BufferedImage wrapAsBufferedImage() {
        DirectColorModel cm = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(pixels, pixels.length), width, height,
                width, cm.getMasks(), null);
        return new BufferedImage(cm, raster, false, null);
    }

    /** A {@code TYPE_INT_RGB} image backed by a copy of the pixels. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i++) {
            dst[i] = pixels[i] & 0xFFFFFF;
        }
        return out;
    }
}
