package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PilResamplerTest {

    /** Keys' cubic with a = -0.5, written out as polynomials (an independent form of PIL's). */
    private static double cubic(double t) {
        t = Math.abs(t);
        if (t < 1) {
            return 1.5 * t * t * t - 2.5 * t * t + 1;
        }
        if (t < 2) {
            return -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2;
        }
        return 0;
    }

    /**
     * One output sample of a 1-D bicubic resize in plain double arithmetic: the kernel centred at
     * (i + 0.5) * scale, widened by the scale when shrinking, taps clipped to the image, weights
     * renormalised; rounded half up and clamped.
     */
    private static int expected(int[] in, int outSize, int i) {
        double scale = (double) in.length / outSize;
        double widen = Math.max(1, scale);
        double centre = (i + 0.5) * scale;
        double sum = 0;
        double norm = 0;
        for (int j = 0; j < in.length; j++) {
            double w = cubic((j + 0.5 - centre) / widen);
            sum += w * in[j];
            norm += w;
        }
        return (int) Math.max(0, Math.min(255, Math.floor(sum / norm + 0.5)));
    }

    private static RgbImage row(int[] grey) {
        int[] px = new int[grey.length];
        for (int i = 0; i < grey.length; i++) {
            px[i] = grey[i] * 0x010101;
        }
        return new RgbImage(grey.length, 1, px);
    }

    @Test
    void fourToTwoDownscaleMatchesHandComputedWeights() {
        // out[0]: centre 1.0, kernel widened by 2, taps at 0.5,1.5,2.5,3.5 -> t = -0.25,0.25,0.75,1.25
        // weights 0.8671875, 0.8671875, 0.2265625, -0.0703125 (sum 1.890625)
        int[] in = {10, 200, 30, 250};
        double w0 = 0.8671875;
        double w2 = 0.2265625;
        double w3 = -0.0703125;
        double byHand = (w0 * 10 + w0 * 200 + w2 * 30 + w3 * 250) / 1.890625; // 90.62

        RgbImage out = PilResampler.resize(row(in), 2, 1, Resampling.BICUBIC);

        assertThat(cubic(-0.25)).isEqualTo(w0);
        assertThat(cubic(1.25)).isEqualTo(w3);
        assertThat(out.rgb(0, 0) & 0xFF).isEqualTo((int) Math.floor(byHand + 0.5)).isEqualTo(91);
        assertThat(out.rgb(0, 0) & 0xFF).isEqualTo(expected(in, 2, 0));
        assertThat(out.rgb(1, 0) & 0xFF).isEqualTo(expected(in, 2, 1));
    }

    @Test
    void randomRowsAgreeWithDoubleArithmeticWithinOneLevel() {
        // fixed point (22 fractional bits) and double may round a sample that lands near .5 apart
        Random random = new Random(42);
        int worst = 0;
        for (int trial = 0; trial < 200; trial++) {
            int inSize = 1 + random.nextInt(40);
            int outSize = 1 + random.nextInt(40);
            int[] in = random.ints(inSize, 0, 256).toArray();
            RgbImage out = PilResampler.resize(row(in), outSize, 1, Resampling.BICUBIC);
            for (int i = 0; i < outSize; i++) {
                worst = Math.max(worst, Math.abs((out.rgb(i, 0) & 0xFF) - expected(in, outSize, i)));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void twoByTwoUpscaleIsSeparable() {
        // 2x2 -> 4x4: rows are resampled first, then columns, each rounded to bytes in between
        int[] grey = {0, 255, 255, 0};
        int[] px = new int[4];
        for (int i = 0; i < 4; i++) {
            px[i] = grey[i] * 0x010101;
        }

        RgbImage out = PilResampler.resize(new RgbImage(2, 2, px), 4, 4, Resampling.BICUBIC);

        int[] top = new int[4];
        int[] bottom = new int[4];
        for (int x = 0; x < 4; x++) {
            top[x] = expected(new int[] {0, 255}, 4, x);
            bottom[x] = expected(new int[] {255, 0}, 4, x);
        }
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) {
                int want = expected(new int[] {top[x], bottom[x]}, 4, y);
                assertThat(out.rgb(x, y) & 0xFF).as("x%d y%d", x, y).isCloseTo(want, within(1));
            }
        }
        // symmetric input, symmetric output
        assertThat(out.rgb(0, 0)).isEqualTo(out.rgb(3, 3));
        assertThat(out.rgb(0, 3)).isEqualTo(out.rgb(3, 0));
    }

    @Test
    void overshootAtHardEdgesIsClippedToTheByteRange() {
        int[] in = {0, 0, 0, 255, 255, 255};
        RgbImage out = PilResampler.resize(row(in), 17, 1, Resampling.BICUBIC);
        int min = 255;
        int max = 0;
        for (int i = 0; i < 17; i++) {
            min = Math.min(min, out.rgb(i, 0) & 0xFF);
            max = Math.max(max, out.rgb(i, 0) & 0xFF);
        }
        // the negative lobes undershoot below 0 and overshoot above 255 before clipping
        assertThat(min).isZero();
        assertThat(max).isEqualTo(255);
    }

    @Test
    void channelsAreResampledIndependently() {
        int[] px = new Random(3).ints(13 * 9, 0, 1 << 24).toArray();
        RgbImage colour = new RgbImage(13, 9, px);
        RgbImage out = PilResampler.resize(colour, 6, 20, Resampling.BICUBIC);
        for (int shift = 0; shift <= 16; shift += 8) {
            int[] plane = new int[px.length];
            for (int i = 0; i < px.length; i++) {
                plane[i] = ((px[i] >>> shift) & 0xFF) * 0x010101;
            }
            RgbImage single = PilResampler.resize(new RgbImage(13, 9, plane), 6, 20, Resampling.BICUBIC);
            for (int i = 0; i < out.pixels().length; i++) {
                assertThat((out.pixels()[i] >>> shift) & 0xFF).isEqualTo(single.pixels()[i] & 0xFF);
            }
        }
    }

    @Test
    void unchangedSizeReturnsTheSameImage() {
        RgbImage in = new RgbImage(3, 2, new int[] {1, 2, 3, 4, 5, 6});
        assertThat(PilResampler.resize(in, 3, 2, Resampling.BICUBIC)).isSameAs(in);
    }

    @Test
    void fixedPointWeightsOfEveryOutputSampleSumToOne() {
        for (int[] sizes : new int[][] {{1000, 224}, {224, 1000}, {97, 61}, {5, 224}}) {
            PilResampler.Coefficients c = PilResampler.Coefficients.of(sizes[0], sizes[1], Resampling.BICUBIC);
            for (int i = 0; i < sizes[1]; i++) {
                long sum = 0;
                for (int k = 0; k < c.ksize; k++) {
                    sum += c.weights[i * c.ksize + k];
                }
                // each weight is rounded on its own: the sum is one within half a unit per tap
                assertThat(sum).isCloseTo(1L << PilResampler.PRECISION_BITS, within((long) c.ksize));
            }
        }
    }

    @Test
    void anyRegionOfTheResizeEqualsThatRegionOfTheWholeResize() {
        java.util.Random random = new java.util.Random(11);
        // both passes, horizontal only, vertical only; shrinking and enlarging; more source rows than
        // one strip of the horizontal pass; sizes alternate so the thread's scratch arrays grow and
        // are reused between calls
        int[][] cases = {{640, 480, 298, 224}, {480, 640, 224, 298}, {97, 61, 41, 61}, {97, 61, 97, 13},
            {30, 20, 77, 45}, {1, 1, 3, 2}, {300, 1300, 51, 221}, {640, 480, 298, 224}};
        for (int[] c : cases) {
            int[] px = random.ints(c[0] * c[1], 0, 1 << 24).toArray();
            RgbImage in = new RgbImage(c[0], c[1], px);
            for (Resampling filter : new Resampling[] {Resampling.BICUBIC, Resampling.BILINEAR, Resampling.LANCZOS}) {
                RgbImage whole = PilResampler.resize(in, c[2], c[3], filter);
                int x0 = random.nextInt(c[2]);
                int x1 = x0 + 1 + random.nextInt(c[2] - x0);
                int y0 = random.nextInt(c[3]);
                int y1 = y0 + 1 + random.nextInt(c[3] - y0);
                int[] seen = new int[1];
                RegionResampler.resize(PixelSource.of(in),
                        c[2] != c[0] ? PilResampler.Coefficients.of(c[0], c[2], filter) : null,
                        c[3] != c[1] ? PilResampler.Coefficients.of(c[1], c[3], filter) : null, x0, x1, y0, y1,
                        (y, from, r, g, b, off, len) -> {
                            assertThat(from).isEqualTo(x0);
                            assertThat(len).isEqualTo(x1 - x0);
                            for (int i = 0; i < len; i++) {
                                int expected = whole.rgb(from + i, y);
                                assertThat((r[off + i] << 16) | (g[off + i] << 8) | b[off + i]).as("pixel %d,%d", from + i, y)
                                        .isEqualTo(expected);
                            }
                            seen[0]++;
                        });
                assertThat(seen[0]).as("rows handed over").isEqualTo(y1 - y0);
            }
        }
    }

    @Test
    void clipMatchesPilsClip8ForEveryAccumulatorRange() {
        int[] values = {Integer.MIN_VALUE, -1 << 30, -1, 0, 1, (1 << 22) - 1, 1 << 22, 200 << 22, (255 << 22) + 12345,
            256 << 22, Integer.MAX_VALUE};
        int[] acc = values.clone();
        RegionResampler.clip8(acc, acc.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(acc[i]).as("clip8(%d)", values[i]).isEqualTo(PilResampler.clip8(values[i]));
        }
    }
}
