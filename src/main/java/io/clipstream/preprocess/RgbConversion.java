package io.clipstream.preprocess;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns any decoded {@link BufferedImage} into 8-bit RGB exactly as PIL's {@code convert("RGB")}
 * does, which is what transformers' {@code convert_to_rgb} calls: an alpha channel (RGBA, LA, a
 * palette's transparency, a colour key) is dropped and transparent pixels keep their stored
 * colour. The alpha is kept beside the colour ({@link RgbImage#alpha()}), so that a model folder
 * trained on images drawn over a background can ask for {@link #composite} instead.
 *
 * <p>Samples are read from the raster, not through Java's colour management, because Java treats
 * grey images as linear light and would change their values; PIL copies grey values into R, G and B
 * unchanged. Sixteen-bit samples keep their high byte, as PIL does for 16-bit colour PNGs. PIL clips
 * 16-bit GREY to 255 instead (nearly every real 16-bit grey photo would turn white), so here 16-bit
 * grey is deliberately reduced by its high byte as well. RGB samples are taken as stored even when
 * an ICC profile says they are not sRGB, as PIL does; other colour spaces (CMYK, Lab, ...) are
 * converted to sRGB by Java's colour management.
 */
public final class RgbConversion {

    private RgbConversion() {}

    /**
     * Converts {@code image} to 8-bit RGB as PIL's {@code convert("RGB")} does; an image with
     * transparency keeps its alpha plane beside the colour.
     */
    public static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        switch (image.getType()) {
            case BufferedImage.TYPE_INT_RGB:
                if (isWholeBuffer(image, raster)) {
                    int[] src = ((DataBufferInt) raster.getDataBuffer()).getData();
                    for (int i = 0; i < out.length; i++) {
                        out[i] = src[i] & 0xFFFFFF;
                    }
                    return new RgbImage(w, h, out);
                }
                break;
            case BufferedImage.TYPE_INT_ARGB:
                if (isWholeBuffer(image, raster)) {
                    int[] src = ((DataBufferInt) raster.getDataBuffer()).getData();
                    return split(w, h, src, out);
                }
                break;
            case BufferedImage.TYPE_3BYTE_BGR:
                if (isWholeBuffer(image, raster)) {
                    byte[] src = ((DataBufferByte) raster.getDataBuffer()).getData();
                    for (int i = 0, p = 0; i < out.length; i++, p += 3) {
                        out[i] = ((src[p + 2] & 0xFF) << 16) | ((src[p + 1] & 0xFF) << 8) | (src[p] & 0xFF);
                    }
                    return new RgbImage(w, h, out);
                }
                break;
            default:
                break;
        }
        int[] argb = new int[w * h];
        if (cm instanceof IndexColorModel icm) {
            fromPalette(raster, icm, argb);
        } else if (readsSamplesDirectly(cm, raster)) {
            fromSamples(raster, cm, argb);
        } else {
            image.getRGB(0, 0, w, h, argb, 0, w);
        }
        return split(w, h, argb, out);
    }

    /**
     * {@code image} composited over an opaque {@code background} ({@code 0xRRGGBB}) with PIL's
     * {@code alpha_composite} arithmetic, as {@code Image.alpha_composite(background, image.convert("RGBA"))}
     * computes it; an opaque image comes back unchanged.
     */
    public static RgbImage composite(RgbImage image, int background) {
        byte[] alpha = image.alpha();
        if (alpha == null) {
            return image;
        }
        int[] px = image.pixels();
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = over((alpha[i] & 0xFF) << 24 | (px[i] & 0xFFFFFF), background);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /**
     * One pixel, {@code 0xAARRGGBB} with straight (not premultiplied) alpha, composited over opaque
     * white; returns {@code 0xRRGGBB}.
     */
    public static int overWhite(int argb) {
        return over(argb, 0xFFFFFF);
    }

    /**
     * One pixel, {@code 0xAARRGGBB} with straight alpha, composited over the opaque
     * {@code background} ({@code 0xRRGGBB}) with PIL's integer arithmetic (7 extra bits, rounded
     * division by 255); returns {@code 0xRRGGBB}.
     */
    public static int over(int argb, int background) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb & 0xFFFFFF;
        }
        if (a == 0) {
            return background & 0xFFFFFF;
        }
        int coef1 = a << 7; // src.a * 255 * 255 * 128 / (255 * 255): the background is opaque
        int coef2 = (255 << 7) - coef1;
        int r = blend((argb >>> 16) & 0xFF, (background >>> 16) & 0xFF, coef1, coef2);
        int g = blend((argb >>> 8) & 0xFF, (background >>> 8) & 0xFF, coef1, coef2);
        int b = blend(argb & 0xFF, background & 0xFF, coef1, coef2);
        return (r << 16) | (g << 8) | b;
    }

    private static int blend(int src, int dst, int coef1, int coef2) {
        int tmp = src * coef1 + dst * coef2 + (0x80 << 7);
        return (((tmp >>> 8) + tmp) >>> 8) >>> 7;
    }

    /** Colour into {@code rgb}; the alpha plane only when some pixel is not opaque. */
    private static RgbImage split(int w, int h, int[] argb, int[] rgb) {
        byte[] alpha = null;
        for (int i = 0; i < argb.length; i++) {
            int v = argb[i];
            rgb[i] = v & 0xFFFFFF;
            int a = v >>> 24;
            if (a != 255 && alpha == null) {
                alpha = new byte[argb.length];
                java.util.Arrays.fill(alpha, 0, i, (byte) 0xFF);
            }
            if (alpha != null) {
                alpha[i] = (byte) a;
            }
        }
        return new RgbImage(w, h, rgb, alpha);
    }

    private static boolean isWholeBuffer(BufferedImage image, Raster raster) {
        // a sub-image shares a larger buffer; its pixels are not simply the whole array
        return raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && raster.getDataBuffer().getNumBanks() == 1
                && raster.getDataBuffer().getSize() == image.getWidth() * image.getHeight()
                        * (image.getType() == BufferedImage.TYPE_3BYTE_BGR ? 3 : 1);
    }

    private static boolean readsSamplesDirectly(ColorModel cm, Raster raster) {
        if (cm.isAlphaPremultiplied()) {
            return false;
        }
        ColorSpace cs = cm.getColorSpace();
        int colors = cm.getNumColorComponents();
        boolean grey = cs.getType() == ColorSpace.TYPE_GRAY && colors == 1;
        // any RGB space, sRGB or an embedded profile: PIL keeps the stored values and ignores the profile
        boolean rgb = cs.getType() == ColorSpace.TYPE_RGB && colors == 3;
        if (!(grey || rgb) || raster.getNumBands() != cm.getNumComponents()) {
            return false;
        }
        for (int bits : cm.getComponentSize()) {
            if (bits < 1 || bits > 16) {
                return false;
            }
        }
        return cm instanceof ComponentColorModel || cm instanceof java.awt.image.DirectColorModel;
    }

    private static void fromSamples(Raster raster, ColorModel cm, int[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        boolean grey = cm.getNumColorComponents() == 1;
        boolean alpha = cm.hasAlpha();
        int[] bits = cm.getComponentSize();
        int[] row = new int[w * bands];
        int minX = raster.getMinX();
        int minY = raster.getMinY();
        for (int y = 0; y < h; y++) {
            raster.getPixels(minX, minY + y, w, 1, row);
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                int r;
                int g;
                int b;
                if (grey) {
                    r = to8(row[p], bits[0]);
                    g = r;
                    b = r;
                } else {
                    r = to8(row[p], bits[0]);
                    g = to8(row[p + 1], bits[1]);
                    b = to8(row[p + 2], bits[2]);
                }
                int a = alpha ? to8(row[p + bands - 1], bits[bands - 1]) : 255;
                out[y * w + x] = (a << 24) | (r << 16) | (g << 8) | b;
            }
        }
    }

    /** A sample of {@code bits} bits as 8 bits: high byte of wider samples, exact spread of narrower. */
    static int to8(int sample, int bits) {
        if (bits == 8) {
            return sample & 0xFF;
        }
        if (bits > 8) {
            return (sample >>> (bits - 8)) & 0xFF;
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    private static void fromPalette(Raster raster, IndexColorModel icm, int[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int size = icm.getMapSize();
        int[] palette = new int[size];
        icm.getRGBs(palette);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int idx = row[x];
                // an index beyond the palette is black, as PIL's palette is padded with zeros
                int argb = idx < size ? palette[idx] : 0xFF000000;
                out[y * w + x] = argb;
            }
        }
    }
}
