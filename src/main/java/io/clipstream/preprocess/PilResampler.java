package io.clipstream.preprocess;

/**
 * Resizes 8-bit RGB images with the arithmetic of PIL's {@code Image.resize} (its convolution
 * resampler), so that a model sees the same pixels here as in the Python pipeline it was trained
 * with.
 *
 * <p>Two separable passes, horizontal then vertical, each skipped when its dimension is unchanged.
 * Per output sample the filter is centred at {@code (i + 0.5) * scale}; when shrinking, the filter
 * is stretched by the scale factor (antialiasing). Weights are computed in double, normalised to sum
 * to one, then turned into fixed-point integers with 22 fractional bits; each pass rounds and clips
 * to 0..255, as PIL does, because the intermediate image is 8-bit there too.
 */
public final class PilResampler {

    /** Fractional bits of the fixed-point weights: 32 bits minus 8 for the value, minus 2 for overshoot. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    private PilResampler() {}

    /**
     * Resizes {@code in} to {@code width x height} with {@code filter}.
     *
     * @return {@code in} itself when the size is unchanged (PIL returns an equal copy)
     */
    public static RgbImage resize(RgbImage in, int width, int height, Resampling filter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        boolean horizontal = width != in.width();
        boolean vertical = height != in.height();
        if (!horizontal && !vertical) {
            return in;
        }
        if (!vertical) {
            Coefficients horiz = Coefficients.of(in.width(), width, filter);
            return new RgbImage(width, height, pack(horizontalPass(in.pixels(), in.width(), 0, height, horiz)));
        }
        Coefficients vert = Coefficients.of(in.height(), height, filter);
        Planes rows;
        int rowOffset;
        if (horizontal) {
            // only the source rows the vertical pass reads are resampled horizontally
            int first = vert.bounds[0];
            int last = vert.bounds[2 * (height - 1)] + vert.bounds[2 * (height - 1) + 1];
            rows = horizontalPass(in.pixels(), in.width(), first, last, Coefficients.of(in.width(), width, filter));
            rowOffset = first;
        } else {
            rows = Planes.unpack(in.pixels());
            rowOffset = 0;
        }
        return new RgbImage(width, height, verticalPass(rows, width, rowOffset, vert));
    }

    /*
     * Red and blue travel together in one long, red in the low 32 bits and blue in the high ones:
     * sum(w * (r + b * 2^32)) = sum(w * r) + sum(w * b) * 2^32 exactly in 64-bit arithmetic, and
     * since each channel's sum fits an int (PIL relies on that too), the low int is the red sum and
     * the rest, shifted down, the blue sum. Two multiplications per tap instead of three.
     */

    /** Rows of 8-bit samples split as {@code b << 32 | r} and {@code g}. */
    private static final class Planes {
        final long[] redBlue;
        final int[] green;

        Planes(int size) {
            redBlue = new long[size];
            green = new int[size];
        }

        static Planes unpack(int[] packed) {
            Planes p = new Planes(packed.length);
            for (int i = 0; i < packed.length; i++) {
                int v = packed[i];
                p.redBlue[i] = ((long) (v & 0xFF) << 32) | ((v >>> 16) & 0xFF);
                p.green[i] = (v >>> 8) & 0xFF;
            }
            return p;
        }
    }

    private static final long HALF_BOTH = (1L << (PRECISION_BITS - 1)) | (1L << (PRECISION_BITS - 1 + 32));

    private static Planes horizontalPass(int[] src, int srcWidth, int firstRow, int endRow, Coefficients c) {
        int outWidth = c.outSize;
        Planes out = new Planes(outWidth * (endRow - firstRow));
        long[] rowRb = new long[srcWidth];
        int[] rowG = new int[srcWidth];
        int[] k = c.weights;
        int ksize = c.ksize;
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = firstRow; y < endRow; y++) {
            int rowStart = y * srcWidth;
            for (int x = 0; x < srcWidth; x++) {
                int v = src[rowStart + x];
                rowRb[x] = ((long) (v & 0xFF) << 32) | ((v >>> 16) & 0xFF);
                rowG[x] = (v >>> 8) & 0xFF;
            }
            int outRow = (y - firstRow) * outWidth;
            for (int xx = 0; xx < outWidth; xx++) {
                int xmin = c.bounds[2 * xx];
                int n = c.bounds[2 * xx + 1];
                int kOff = xx * ksize;
                long rb = HALF_BOTH;
                int g = half;
                for (int x = 0; x < n; x++) {
                    int w = k[kOff + x];
                    rb += rowRb[xmin + x] * w;
                    g += rowG[xmin + x] * w;
                }
                int r = (int) rb;
                int b = (int) ((rb - r) >> 32);
                out.redBlue[outRow + xx] = ((long) clip8(b) << 32) | clip8(r);
                out.green[outRow + xx] = clip8(g);
            }
        }
        return out;
    }

    private static int[] verticalPass(Planes src, int width, int rowOffset, Coefficients c) {
        int outHeight = c.outSize;
        int[] out = new int[width * outHeight];
        long[] accRb = new long[width];
        int[] accG = new int[width];
        int half = 1 << (PRECISION_BITS - 1);
        for (int yy = 0; yy < outHeight; yy++) {
            java.util.Arrays.fill(accRb, HALF_BOTH);
            java.util.Arrays.fill(accG, half);
            int ymin = c.bounds[2 * yy] - rowOffset;
            int n = c.bounds[2 * yy + 1];
            int kOff = yy * c.ksize;
            // row by row: integer sums do not depend on the order of their terms, and rows are contiguous
            for (int y = 0; y < n; y++) {
                int w = c.weights[kOff + y];
                int p = (ymin + y) * width;
                for (int x = 0; x < width; x++) {
                    accRb[x] += src.redBlue[p + x] * w;
                    accG[x] += src.green[p + x] * w;
                }
            }
            int o = yy * width;
            for (int x = 0; x < width; x++) {
                long rb = accRb[x];
                int r = (int) rb;
                int b = (int) ((rb - r) >> 32);
                out[o + x] = (clip8(r) << 16) | (clip8(accG[x]) << 8) | clip8(b);
            }
        }
        return out;
    }

    private static int[] pack(Planes p) {
        int[] out = new int[p.green.length];
        for (int i = 0; i < out.length; i++) {
            long rb = p.redBlue[i];
            out[i] = ((int) rb << 16) | (p.green[i] << 8) | (int) (rb >>> 32);
        }
        return out;
    }

    /** Drops the fractional bits and clamps to a byte, as PIL's {@code clip8}. */
    static int clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    /** Per output sample: the first source index, how many source samples, and their weights. */
    static final class Coefficients {
        final int outSize;
        final int ksize;
        final int[] bounds; // [2*i] first source index, [2*i+1] number of taps
        final int[] weights; // ksize per output sample, fixed point
        final double[] exact; // the same weights before quantisation, for tests

        private Coefficients(int outSize, int ksize, int[] bounds, int[] weights, double[] exact) {
            this.outSize = outSize;
            this.ksize = ksize;
            this.bounds = bounds;
            this.weights = weights;
            this.exact = exact;
        }

        /** The weights that map {@code inSize} samples onto {@code outSize}, PIL's precompute_coeffs. */
        static Coefficients of(int inSize, int outSize, Resampling filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[2 * outSize];
            double[] kk = new double[outSize * ksize];
            int[] fixed = new int[outSize * ksize];
            double ss = 1.0 / filterScale;
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                // (int) truncates towards zero, as the C cast does; negatives are clamped anyway
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                xmax -= xmin;
                int off = xx * ksize;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = filter.weight((x + xmin - center + 0.5) * ss);
                    kk[off + x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    if (ww != 0.0) {
                        kk[off + x] /= ww;
                    }
                }
                for (int x = 0; x < ksize; x++) {
                    double w = kk[off + x];
                    fixed[off + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
                                           : (int) (0.5 + w * (1 << PRECISION_BITS));
                }
                bounds[2 * xx] = xmin;
                bounds[2 * xx + 1] = xmax;
            }
            return new Coefficients(outSize, ksize, bounds, fixed, kk);
        }
    }
}
