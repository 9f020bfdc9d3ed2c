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
        Coefficients vert = Coefficients.of(in.height(), height, filter);
        int[] src = in.pixels();
        int srcWidth = in.width();
        int rowOffset = 0;
        if (horizontal) {
            // only the source rows the vertical pass will read are resampled horizontally
            int first = vert.bounds[0];
            int last = vert.bounds[2 * (height - 1)] + vert.bounds[2 * (height - 1) + 1];
            Coefficients horiz = Coefficients.of(in.width(), width, filter);
            src = horizontalPass(src, srcWidth, first, last, horiz);
            srcWidth = width;
            rowOffset = first;
        }
        if (!vertical) {
            return new RgbImage(width, height, src);
        }
        return new RgbImage(width, height, verticalPass(src, srcWidth, rowOffset, vert));
    }

    private static int[] horizontalPass(int[] src, int srcWidth, int firstRow, int endRow, Coefficients c) {
        int outWidth = c.outSize;
        int[] out = new int[outWidth * (endRow - firstRow)];
        int[] k = c.weights;
        int ksize = c.ksize;
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = firstRow; y < endRow; y++) {
            int rowStart = y * srcWidth;
            int outRow = (y - firstRow) * outWidth;
            for (int xx = 0; xx < outWidth; xx++) {
                int xmin = c.bounds[2 * xx];
                int n = c.bounds[2 * xx + 1];
                int kOff = xx * ksize;
                int r = half;
                int g = half;
                int b = half;
                int p = rowStart + xmin;
                for (int x = 0; x < n; x++) {
                    int w = k[kOff + x];
                    int v = src[p + x];
                    r += ((v >>> 16) & 0xFF) * w;
                    g += ((v >>> 8) & 0xFF) * w;
                    b += (v & 0xFF) * w;
                }
                out[outRow + xx] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
            }
        }
        return out;
    }

    private static int[] verticalPass(int[] src, int width, int rowOffset, Coefficients c) {
        int outHeight = c.outSize;
        int[] out = new int[width * outHeight];
        int[] accR = new int[width];
        int[] accG = new int[width];
        int[] accB = new int[width];
        int half = 1 << (PRECISION_BITS - 1);
        for (int yy = 0; yy < outHeight; yy++) {
            java.util.Arrays.fill(accR, half);
            java.util.Arrays.fill(accG, half);
            java.util.Arrays.fill(accB, half);
            int ymin = c.bounds[2 * yy] - rowOffset;
            int n = c.bounds[2 * yy + 1];
            int kOff = yy * c.ksize;
            // row-major accumulation: integer sums do not depend on the order of the terms
            for (int y = 0; y < n; y++) {
                int w = c.weights[kOff + y];
                int p = (ymin + y) * width;
                for (int x = 0; x < width; x++) {
                    int v = src[p + x];
                    accR[x] += ((v >>> 16) & 0xFF) * w;
                    accG[x] += ((v >>> 8) & 0xFF) * w;
                    accB[x] += (v & 0xFF) * w;
                }
            }
            int o = yy * width;
            for (int x = 0; x < width; x++) {
                out[o + x] = (clip8(accR[x]) << 16) | (clip8(accG[x]) << 8) | clip8(accB[x]);
            }
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
