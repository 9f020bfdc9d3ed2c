package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClipImageProcessorTest {

    /** Float tolerance: a few ulps of values around 2; the arithmetic itself is float32 like numpy's. */
    private static final float TOL = 1e-6f;

    private static final float[] MEAN = PreprocessorConfig.defaults().imageMean();
    private static final float[] STD = PreprocessorConfig.defaults().imageStd();

    /** numpy: float32(uint8 * (1/255) in float64), then (x - mean) / std in float32. */
    private static float normalised(int value, int channel) {
        float x = (float) (value * (1.0 / 255.0));
        return (x - MEAN[channel]) / STD[channel];
    }

    private static float at(float[] out, int size, int channel, int y, int x) {
        return out[channel * size * size + y * size + x];
    }

    private static BufferedImage image(int w, int h, int[] rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }

    private static int channel(int rgb, int c) {
        return (rgb >>> (16 - 8 * c)) & 0xFF;
    }

    @Test
    void solidColourOfAnySizeGivesTheNormalisedColourEverywhere() {
        int colour = 0x0CC84D; // 12, 200, 77
        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.defaults());
        for (int[] size : new int[][] {{640, 480}, {97, 300}, {224, 224}, {1, 1}, {3, 700}}) {
            int[] px = new int[size[0] * size[1]];
            java.util.Arrays.fill(px, colour);

            float[] out = processor.preprocess(image(size[0], size[1], px));

            assertThat(out).hasSize(3 * 224 * 224);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 224 * 224; i++) {
                    assertThat(out[c * 224 * 224 + i]).isCloseTo(normalised(channel(colour, c), c), within(TOL));
                }
            }
        }
    }

    @Test
    void imageOfExactlyTheCropSizeIsOnlyRescaledAndNormalised() {
        int[] px = new Random(1).ints(224 * 224, 0, 1 << 24).toArray();

        float[] out = ClipImageProcessor.of(PreprocessorConfig.defaults()).preprocess(image(224, 224, px));

        for (int y = 0; y < 224; y += 7) {
            for (int x = 0; x < 224; x += 5) {
                for (int c = 0; c < 3; c++) {
                    assertThat(at(out, 224, c, y, x)).isCloseTo(normalised(channel(px[y * 224 + x], c), c), within(TOL));
                }
            }
        }
    }

    @Test
    void centreCropStartsAtFloorOfHalfTheMargin() {
        // 7x5 image, crop 3: top = (5 - 3) // 2 = 1, left = (7 - 3) // 2 = 2
        int[] px = new int[35];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 7) << 16 | (i * 3) << 8 | (255 - i);
        }
        PreprocessorConfig config = PreprocessorConfig.builder().optDoResize(false).optCropSize(3).build();

        float[] out = ClipImageProcessor.of(config).preprocess(image(7, 5, px));

        assertThat(out).hasSize(27);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                int src = px[(y + 1) * 7 + (x + 2)];
                for (int c = 0; c < 3; c++) {
                    assertThat(at(out, 3, c, y, x)).isCloseTo(normalised(channel(src, c), c), within(TOL));
                }
            }
        }
    }

    @Test
    void cropLargerThanTheImagePadsWithZeroPixelsCentred() {
        // 2 wide, 3 high, crop 4: transformers pads ceil((4-2)/2)=1 left and ceil((4-3)/2)=1 on top
        int[] px = {0x102030, 0x405060, 0x708090, 0xA0B0C0, 0xD0E0F0, 0x0A0B0C};
        PreprocessorConfig config = PreprocessorConfig.builder().optDoResize(false).optCropSize(4).build();

        float[] out = ClipImageProcessor.of(config).preprocess(image(2, 3, px));

        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                boolean inside = y >= 1 && y <= 3 && x >= 1 && x <= 2;
                int src = inside ? px[(y - 1) * 2 + (x - 1)] : 0;
                for (int c = 0; c < 3; c++) {
                    assertThat(at(out, 4, c, y, x)).as("c%d y%d x%d", c, y, x)
                            .isCloseTo(normalised(channel(src, c), c), within(TOL));
                }
            }
        }
    }

    @Test
    void shortestSideBecomesTheEdgeAndTheLongSideIsTruncated() {
        ClipImageProcessor p = ClipImageProcessor.of(PreprocessorConfig.defaults());
        RgbImage landscape = p.resize(new RgbImage(640, 480, new int[640 * 480]));
        RgbImage portrait = p.resize(new RgbImage(333, 500, new int[333 * 500]));
        RgbImage strip = p.resize(new RgbImage(5000, 20, new int[5000 * 20]));

        assertThat(new int[] {landscape.width(), landscape.height()}).containsExactly(298, 224); // 298.67
        assertThat(new int[] {portrait.width(), portrait.height()}).containsExactly(224, 336); // 336.33
        assertThat(new int[] {strip.width(), strip.height()}).containsExactly(56000, 224);
    }

    @Test
    void veryWideStripKeepsItsVerticalStructure() {
        // columns vary, rows are identical: every output row must be identical too
        int[] px = new int[5000 * 20];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 5000; x++) {
                int v = (x * 255) / 4999;
                px[y * 5000 + x] = v << 16 | (255 - v) << 8 | (x % 256);
            }
        }
        float[] out = ClipImageProcessor.of(PreprocessorConfig.defaults()).preprocess(image(5000, 20, px));

        assertThat(out).hasSize(3 * 224 * 224);
        for (int c = 0; c < 3; c++) {
            for (int y = 1; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    assertThat(at(out, 224, c, y, x)).isEqualTo(at(out, 224, c, 0, x));
                }
            }
        }
        // the crop is the middle of a ramp: red around 127, green around 128
        assertThat(at(out, 224, 0, 0, 112)).isCloseTo(normalised(127, 0), within(2f / 255 / STD[0]));
    }

    @Test
    void greyImageValuesAreCopiedIntoEveryChannelUnchanged() {
        BufferedImage grey = new BufferedImage(224, 224, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(10, 20, 0, 100);
        grey.getRaster().setSample(11, 20, 0, 37);

        float[] out = ClipImageProcessor.of(PreprocessorConfig.defaults()).preprocess(grey);

        for (int c = 0; c < 3; c++) {
            // Java's colour management would turn linear grey 100 into 168; PIL keeps 100
            assertThat(at(out, 224, c, 20, 10)).isCloseTo(normalised(100, c), within(TOL));
            assertThat(at(out, 224, c, 20, 11)).isCloseTo(normalised(37, c), within(TOL));
            assertThat(at(out, 224, c, 0, 0)).isCloseTo(normalised(0, c), within(TOL));
        }
    }

    @Test
    void transparentPixelsKeepTheirColourByDefault() {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00204060); // fully transparent, hidden colour kept as transformers keeps it
        rgba.setRGB(1, 0, 0x80000000);
        PreprocessorConfig config = PreprocessorConfig.builder().optDoResize(false).optCropSize(1).build();

        float[] out = ClipImageProcessor.of(config).preprocess(rgba); // crop 1 of 2x1: left = 0

        assertThat(out[0]).isCloseTo(normalised(0x20, 0), within(TOL));
    }

    @Test
    void aDeclaredBackgroundCompositesTransparentPixelsOverIt() {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00000000); // fully transparent black
        rgba.setRGB(1, 0, 0x80000000); // black at alpha 128
        PreprocessorConfig config = PreprocessorConfig.parse(PreprocessorConfig.builder().optDoResize(false)
                .optCropSize(1).optAlphaBackground(0xFFFFFF).build().toJson());

        RgbImage rgb = RgbConversion.composite(RgbImage.of(rgba), config.alphaBackground().getAsInt());

        assertThat(rgb.rgb(0, 0)).isEqualTo(0xFFFFFF);
        // 255 * (1 - 128/255) = 127 with PIL's rounding
        assertThat(rgb.rgb(1, 0)).isEqualTo(0x7F7F7F);
        float[] out = ClipImageProcessor.of(config).preprocess(rgba);
        assertThat(out[0]).isCloseTo(normalised(255, 0), within(TOL));
    }

    @Test
    void withoutRescaleAndNormaliseTheRawByteValuesComeOut() {
        PreprocessorConfig config = PreprocessorConfig.builder().optDoResize(false).optCropSize(1)
                .optDoRescale(false).optDoNormalize(false).build();

        float[] out = ClipImageProcessor.of(config).preprocess(image(1, 1, new int[] {0x01FF80}));

        assertThat(out).containsExactly(1f, 255f, 128f);
    }

    @Test
    void subImagesAreReadThroughTheirOwnOrigin() {
        int[] px = new int[16];
        for (int i = 0; i < 16; i++) {
            px[i] = i * 0x0F0F0F;
        }
        BufferedImage sub = image(4, 4, px).getSubimage(1, 2, 2, 2);

        RgbImage rgb = RgbImage.of(sub);

        assertThat(rgb.pixels()).containsExactly(px[9], px[10], px[13], px[14]);
    }

    @Test
    void refusesConfigurationsWithoutAFixedSquareOutput() {
        assertThatThrownBy(() -> ClipImageProcessor.of(PreprocessorConfig.builder().optCropSize(224, 200).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> ClipImageProcessor.of(PreprocessorConfig.builder().optDoCenterCrop(false).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed square");
        assertThat(ClipImageProcessor.of(PreprocessorConfig.builder().optDoCenterCrop(false)
                .optResizeTo(64, 64).build()).cropSize()).isEqualTo(64);
    }
}
