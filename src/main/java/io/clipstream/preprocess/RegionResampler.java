package io.clipstream.preprocess;

import io.clipstream.preprocess.PilResampler.Coefficients;

/**
 * PIL's two-pass resize computed only for a rectangle of the output, the centre crop the model
 * takes: each output sample of PIL's convolution depends on its own row and column of weights
 * alone, so skipping the samples the crop throws away changes no other sample. The horizontal pass
 * runs only over the source rows the requested output rows read, as PIL's does over the rows the
 * whole output reads.
 *
 * <p>The source is first copied into one int array per column and channel, so that the horizontal
 * pass adds whole columns times one weight, and its result into one array per row, so that the
 * vertical pass adds whole rows times one weight: both inner loops run over one index of two
 * arrays, which the JIT turns into vector instructions. The arithmetic is PIL's: 22-bit fixed-point weights, rounding, and a clip to 0..255
 * after each pass. Scratch arrays come from {@link Scratch}, one set per thread.
 */
final class RegionResampler {

    private static final int HALF = 1 << (PilResampler.PRECISION_BITS - 1);

    /** Receives the output rows, clipped to 0..255, one channel per array. */
    interface RowSink {
        /** Row {@code y} of the resized image, columns {@code x0 ..} from {@code off} of the arrays, {@code len} samples. */
        void row(int y, int x0, int[] r, int[] g, int[] b, int off, int len);
    }

    private RegionResampler() {}

    /**
     * Resizes {@code src} to {@code outW x outH} with the given weights (null where that dimension
     * is unchanged, so that pass is skipped as PIL skips it) and hands rows {@code oy0..oy1},
     * columns {@code ox0..ox1} of the result to {@code sink}.
     */
    static void resize(PixelSource src, Coefficients horiz, Coefficients vert, int ox0, int ox1, int oy0, int oy1,
            RowSink sink) {
        int cols = ox1 - ox0;
        if (cols <= 0 || oy1 <= oy0) {
            return;
        }
        // source rows the vertical pass reads: [rmin, rmax)
        int rmin = oy0;
        int rmax = oy1;
        if (vert != null) {
            rmin = Integer.MAX_VALUE;
            rmax = 0;
            for (int yy = oy0; yy < oy1; yy++) {
                rmin = Math.min(rmin, vert.bounds[2 * yy]);
                rmax = Math.max(rmax, vert.bounds[2 * yy] + vert.bounds[2 * yy + 1]);
            }
        }
        int rows = rmax - rmin;
        Scratch s = Scratch.get();
        try {
            int[][][] mid = s.mid(rows, cols);
            if (horiz != null) {
                horizontal(src, horiz, ox0, ox1, rmin, rmax, s, mid);
            } else {
                src.rowsInto(ox0, ox1, rmin, rmax, mid[0], mid[1], mid[2]);
            }
            if (vert == null) {
                for (int y = oy0; y < oy1; y++) {
                    sink.row(y, ox0, mid[0][y - rmin], mid[1][y - rmin], mid[2][y - rmin], 0, cols);
                }
            } else {
                vertical(vert, cols, rmin, oy0, oy1, s, mid, ox0, sink);
            }
        } finally {
            s.release();
        }
    }

    /** Columns {@code ox0..ox1} of the horizontal pass over source rows {@code rmin..rmax}, row by row into {@code mid}. */
    private static void horizontal(PixelSource src, Coefficients c, int ox0, int ox1, int rmin, int rmax, Scratch s,
            int[][][] mid) {
        int cmin = Integer.MAX_VALUE;
        int cmax = 0;
        for (int xx = ox0; xx < ox1; xx++) {
            cmin = Math.min(cmin, c.bounds[2 * xx]);
            cmax = Math.max(cmax, c.bounds[2 * xx] + c.bounds[2 * xx + 1]);
        }
        // strips of source rows: the column copy of a huge image would otherwise take 12 bytes per pixel
        int strip = Math.min(rmax - rmin, STRIP_ROWS);
        int[][][] columns = s.columns(cmax - cmin, strip);
        int[][] acc = s.block(strip);
        for (int r0 = rmin; r0 < rmax; r0 += strip) {
            int rows = Math.min(rmax, r0 + strip) - r0;
            src.columnsInto(cmin, cmax, r0, r0 + rows, columns[0], columns[1], columns[2]);
            for (int ch = 0; ch < 3; ch++) {
                int[][] col = columns[ch];
                int[][] m = mid[ch];
                // a block of output columns at a time, then their samples row by row: each row array
                // of the result is fetched once per block instead of once per sample
                for (int xb = ox0; xb < ox1; xb += GROUP) {
                    int xe = Math.min(ox1, xb + GROUP);
                    for (int xx = xb; xx < xe; xx++) {
                        int[] a = acc[xx - xb];
                        int xmin = c.bounds[2 * xx] - cmin;
                        int n = c.bounds[2 * xx + 1];
                        int k = xx * c.ksize;
                        java.util.Arrays.fill(a, 0, rows, HALF);
                        for (int t = 0; t < n; t++) {
                            addScaled(a, col[xmin + t], c.weights[k + t], rows);
                        }
                        clip8(a, rows);
                    }
                    int o = xb - ox0;
                    int g = xe - xb;
                    for (int y = 0; y < rows; y++) {
                        int[] my = m[r0 - rmin + y];
                        for (int j = 0; j < g; j++) {
                            my[o + j] = acc[j][y];
                        }
                    }
                }
            }
        }
    }

    /** Source rows copied and resampled horizontally at a time (a COCO photo's in one go). */
    private static final int STRIP_ROWS = 512;

    /** Output columns of the horizontal pass computed together before they are stored by rows. */
    private static final int GROUP = 16;

    /** Output rows {@code oy0..oy1} of the vertical pass over {@code mid} (rows from {@code rmin}), to the sink. */
    private static void vertical(Coefficients c, int cols, int rmin, int oy0, int oy1, Scratch s, int[][][] mid, int ox0,
            RowSink sink) {
        int[][] acc = s.acc(cols);
        for (int yy = oy0; yy < oy1; yy++) {
            int ymin = c.bounds[2 * yy] - rmin;
            int n = c.bounds[2 * yy + 1];
            int k = yy * c.ksize;
            for (int ch = 0; ch < 3; ch++) {
                int[] a = acc[ch];
                int[][] m = mid[ch];
                java.util.Arrays.fill(a, 0, cols, HALF);
                // integer sums do not depend on the order of their terms: row after row, as rows are contiguous
                for (int t = 0; t < n; t++) {
                    addScaled(a, m[ymin + t], c.weights[k + t], cols);
                }
                clip8(a, cols);
            }
            sink.row(yy, ox0, acc[0], acc[1], acc[2], 0, cols);
        }
    }

    /**
     * {@code acc[i] += src[i] * w} for {@code i < n}. Both arrays are indexed alike: with an offset
     * into one of them the JIT would not vectorise the loop (it cannot rule out overlap).
     */
    private static void addScaled(int[] acc, int[] src, int w, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += src[i] * w;
        }
    }

    /**
     * Drops the fractional bits of {@code acc[0..n)} and clamps them to a byte, as PIL's
     * {@code clip8}; written without branches or min/max, which keeps the loop vectorised.
     */
    static void clip8(int[] acc, int n) {
        for (int i = 0; i < n; i++) {
            int v = acc[i] >> PilResampler.PRECISION_BITS;
            v &= ~(v >> 31); // negative: 0
            acc[i] = (v | ((255 - v) >> 31)) & 0xFF; // above 255: all ones, then 255
        }
    }

    /**
     * Scratch arrays of one thread, grown as needed and kept for its next image unless they grew
     * past {@link #KEEP_INTS} (a huge image's arrays are dropped after it instead of pinning memory).
     * A nested call on the same thread (a sink that resizes) gets fresh arrays.
     */
    static final class Scratch {
        static final int KEEP_INTS = 1 << 20;
        private static final ThreadLocal<Scratch> CACHE = ThreadLocal.withInitial(Scratch::new);

        private int[][][] columns = new int[3][0][0];
        private int[][][] mid = new int[3][0][0];
        private final int[][] acc = new int[3][0];
        private int[][] block = new int[GROUP][0];
        private boolean inUse;

        static Scratch get() {
            Scratch s = CACHE.get();
            if (s.inUse) {
                s = new Scratch();
            }
            s.inUse = true;
            return s;
        }

        void release() {
            inUse = false;
            if (size(columns) > KEEP_INTS) {
                columns = new int[3][0][0];
            }
            if (size(mid) > KEEP_INTS) {
                mid = new int[3][0][0];
            }
            if (block[0].length > KEEP_INTS / GROUP) {
                block = new int[GROUP][0];
            }
            if (acc[0].length > KEEP_INTS) {
                for (int i = 0; i < 3; i++) {
                    acc[i] = new int[0];
                }
            }
        }

        /** Three channels of {@code n} arrays of at least {@code len} ints each. */
        int[][][] columns(int n, int len) {
            columns = grow(columns, n, len);
            return columns;
        }

        int[][][] mid(int n, int len) {
            mid = grow(mid, n, len);
            return mid;
        }

        /** {@link #GROUP} arrays of at least {@code len} ints. */
        int[][] block(int len) {
            if (block[0].length < len) {
                block = new int[GROUP][len];
            }
            return block;
        }

        int[][] acc(int len) {
            if (acc[0].length < len) {
                for (int i = 0; i < 3; i++) {
                    acc[i] = new int[len];
                }
            }
            return acc;
        }

        private static int[][][] grow(int[][][] arrays, int n, int len) {
            if (arrays[0].length < n || (n > 0 && arrays[0][0].length < len)) {
                int keepN = Math.max(n, arrays[0].length);
                int keepLen = Math.max(len, arrays[0].length == 0 ? 0 : arrays[0][0].length);
                return new int[3][keepN][keepLen];
            }
            return arrays;
        }

        private static long size(int[][][] arrays) {
            return arrays[0].length == 0 ? 0 : (long) arrays[0].length * arrays[0][0].length;
        }
    }
}
