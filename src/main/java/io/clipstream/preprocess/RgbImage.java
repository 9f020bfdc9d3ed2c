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
 * <p>An image decoded from a source with transparency also keeps its alpha plane
 * ({@link #alpha()}), one straight (not premultiplied) byte per pixel; the colour is then what
 * PIL's {@code convert("RGB")} gives, the hidden colour of transparent pixels included, and a model
 * folder that asks for it composites the colour over a background with {@link RgbConversion#composite}.
 *
 * <p>The arrays are shared, not copied; treat them as read-only once the image is handed on.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final int[] pixels;
    private final byte[] alpha;

    /**
     * Wraps {@code pixels} ({@code width * height} packed {@code 0xRRGGBB} values; bits 24..31 are
     * ignored).
     */
    public RgbImage(int width, int height, int[] pixels) {
        this(width, height, pixels, null);
    }

    /**
     * Wraps {@code pixels} with an alpha plane ({@code width * height} straight alpha bytes, 255
     * opaque); {@code alpha} may be null for an opaque image.
     */
    public RgbImage(int width, int height, int[] pixels, byte[] alpha) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image must have positive size: " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        if (alpha != null && alpha.length != pixels.length) {
            throw new IllegalArgumentException("expected " + pixels.length + " alpha values, got " + alpha.length);
        }
        this.pixels = pixels;
        this.alpha = alpha;
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

    /** The straight alpha plane, one byte per pixel (255 opaque), or null when the image is opaque. */
    public byte[] alpha() {
        return alpha;
    }

    /** The pixel at column {@code x}, row {@code y} as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        return pixels[y * width + x] & 0xFFFFFF;
    }

    /**
     * A {@code TYPE_INT_RGB} image sharing this image's pixel array, for a caller that hands this
     * image on and keeps no reference to it (saves a copy of up to hundreds of megabytes). An image
     * with an alpha plane becomes a {@code TYPE_INT_ARGB} copy instead, so the alpha survives.
     */
    BufferedImage wrapAsBufferedImage() {
        if (alpha != null) {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (alpha[i] & 0xFF) << 24 | (pixels[i] & 0xFFFFFF);
            }
            return out;
        }
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
