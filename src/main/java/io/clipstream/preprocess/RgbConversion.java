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
 * Turns any decoded {@link BufferedImage} into 8-bit RGB the way transformers' {@code convert_to_rgb}
 * does with PIL: the image goes to RGBA and is alpha-composited over an opaque WHITE background
 * (so transparent pixels become white, half-transparent ones are blended with PIL's integer
 * arithmetic), then the alpha is dropped.
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

    /** Converts {@code image} to 8-bit RGB; transparent pixels end up over white. */
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
                    for (int i = 0; i < out.length; i++) {
                        out[i] = overWhite(src[i]);
                    }
                    return new RgbImage(w, h, out);
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
        if (cm instanceof IndexColorModel icm) {
            fromPalette(raster, icm, out);
        } else if (readsSamplesDirectly(cm, raster)) {
            fromSamples(raster, cm, out);
        } else {
            fromColorManaged(image, out);
        }
        return new RgbImage(w, h, out);
    }

    /**
     * One pixel, {@code 0xAARRGGBB} with straight (not premultiplied) alpha, composited over opaque
     * white with PIL's {@code alpha_composite} integer arithmetic (7 extra bits, rounded division
     * by 255); returns {@code 0xRRGGBB}.
     */
    public static int overWhite(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb & 0xFFFFFF;
        }
        if (a == 0) {
            return 0xFFFFFF;
        }
        int coef1 = a << 7; // src.a * 255 * 255 * 128 / (255 * 255): the white background is opaque
        int coef2 = (255 << 7) - coef1;
        int r = blend((argb >>> 16) & 0xFF, coef1, coef2);
        int g = blend((argb >>> 8) & 0xFF, coef1, coef2);
        int b = blend(argb & 0xFF, coef1, coef2);
        return (r << 16) | (g << 8) | b;
    }

    private static int blend(int src, int coef1, int coef2) {
        int tmp = src * coef1 + 255 * coef2 + (0x80 << 7);
        return (((tmp >>> 8) + tmp) >>> 8) >>> 7;
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
                out[y * w + x] = overWhite((a << 24) | (r << 16) | (g << 8) | b);
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
                out[y * w + x] = overWhite(argb);
            }
        }
    }

    private static void fromColorManaged(BufferedImage image, int[] out) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = overWhite(row[x]);
            }
        }
    }
}
