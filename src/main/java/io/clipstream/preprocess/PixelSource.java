package io.clipstream.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * 8-bit RGB pixels the resampler reads straight from their array: packed {@code 0xRRGGBB} ints
 * (an {@link RgbImage}, a {@code TYPE_INT_RGB} image) or interleaved B, G, R bytes (a
 * {@code TYPE_3BYTE_BGR} image, what the JPEG decoder gives). Both hold plain RGB samples with no
 * alpha, so reading them directly gives what {@link RgbConversion} would, without its copy.
 */
final class PixelSource {
    private final int width;
    private final int height;
    private final int[] packed;
    private final byte[] bgr;
    private final int offset;
    private final int stride; // ints or bytes per row

    private PixelSource(int width, int height, int[] packed, byte[] bgr, int offset, int stride) {
        this.width = width;
        this.height = height;
        this.packed = packed;
        this.bgr = bgr;
        this.offset = offset;
        this.stride = stride;
    }

    static PixelSource of(RgbImage image) {
        return new PixelSource(image.width(), image.height(), image.pixels(), null, 0, image.width());
    }

    /**
     * The image's own pixel array, for the two layouts read directly; {@code null} for every other
     * image, which then goes through {@link RgbConversion}.
     */
    static PixelSource direct(BufferedImage image) {
        Raster raster = image.getRaster();
        if (raster.getParent() != null || raster.getMinX() != 0 || raster.getMinY() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || raster.getDataBuffer().getNumBanks() != 1) {
            return null;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 3 && sm.getBandOffsets()[0] == 2 && sm.getBandOffsets()[1] == 1
                && sm.getBandOffsets()[2] == 0) {
            DataBufferByte db = (DataBufferByte) raster.getDataBuffer();
            return new PixelSource(w, h, null, db.getData(), db.getOffset(), sm.getScanlineStride());
        }
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm) {
            DataBufferInt db = (DataBufferInt) raster.getDataBuffer();
            return new PixelSource(w, h, db.getData(), null, db.getOffset(), sm.getScanlineStride());
        }
        return null;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Copies columns {@code x0..x1} of rows {@code y0..y1} into one array per column and channel:
     * sample (x, y) goes to {@code r[x - x0][y - y0]}, so that the horizontal pass can add whole
     * columns times one weight (loops over one index, which the JIT vectorises).
     */
    void columnsInto(int x0, int x1, int y0, int y1, int[][] r, int[][] g, int[][] b) {
        // blocks of rows: each column array is fetched once per block and written contiguously,
        // while the block's rows stay in the first-level cache
        for (int yb = y0; yb < y1; yb += BLOCK) {
            int ye = Math.min(y1, yb + BLOCK);
            for (int x = x0; x < x1; x++) {
                int[] rr = r[x - x0];
                int[] gg = g[x - x0];
                int[] bb = b[x - x0];
                if (bgr != null) {
                    for (int y = yb, p = offset + yb * stride + 3 * x; y < ye; y++, p += stride) {
                        bb[y - y0] = bgr[p] & 0xFF;
                        gg[y - y0] = bgr[p + 1] & 0xFF;
                        rr[y - y0] = bgr[p + 2] & 0xFF;
                    }
                } else {
                    for (int y = yb, p = offset + yb * stride + x; y < ye; y++, p += stride) {
                        int v = packed[p];
                        rr[y - y0] = (v >>> 16) & 0xFF;
                        gg[y - y0] = (v >>> 8) & 0xFF;
                        bb[y - y0] = v & 0xFF;
                    }
                }
            }
        }
    }

    private static final int BLOCK = 16;

    /**
     * Copies columns {@code x0..x1} of rows {@code y0..y1} into one array per row and channel:
     * sample (x, y) goes to {@code r[y - y0][x - x0]}.
     */
    void rowsInto(int x0, int x1, int y0, int y1, int[][] r, int[][] g, int[][] b) {
        for (int y = y0; y < y1; y++) {
            int[] rr = r[y - y0];
            int[] gg = g[y - y0];
            int[] bb = b[y - y0];
            if (bgr != null) {
                for (int x = x0, p = offset + y * stride + 3 * x0; x < x1; x++, p += 3) {
                    bb[x - x0] = bgr[p] & 0xFF;
                    gg[x - x0] = bgr[p + 1] & 0xFF;
                    rr[x - x0] = bgr[p + 2] & 0xFF;
                }
            } else {
                for (int x = x0, p = offset + y * stride + x0; x < x1; x++, p++) {
                    int v = packed[p];
                    rr[x - x0] = (v >>> 16) & 0xFF;
                    gg[x - x0] = (v >>> 8) & 0xFF;
                    bb[x - x0] = v & 0xFF;
                }
            }
        }
    }
}
