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
        int[] out = new int[width * height];
        RegionResampler.resize(PixelSource.of(in), horizontal ? Coefficients.of(in.width(), width, filter) : null,
                vertical ? Coefficients.of(in.height(), height, filter) : null, 0, width, 0, height,
                (y, x0, r, g, b, off, len) -> {
                    for (int i = 0, o = y * width + x0; i < len; i++, o++) {
                        out[o] = (r[off + i] << 16) | (g[off + i] << 8) | b[off + i];
                    }
                });
        return new RgbImage(width, height, out);
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
