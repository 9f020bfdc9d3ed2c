package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipTextConfig;
import io.clipstream.model.ClipVisionConfig;
import io.clipstream.model.TinyCheckpoints;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libjpeg-turbo paths: full size in {@link PreprocessMode#EXACT}, DCT scaling in {@link PreprocessMode#FAST}. These tests need the system library
 * ({@code scripts/test.sh} installs it): each asserts that the turbojpeg decoder is the one in use,
 * so none of them passes on the ImageIO fallback.
 */
class TurboJpegDecoderTest {
    private static final String FORMATS = "/io/clipstream/preprocess/formats/";
    private static final byte[] LANDSCAPE = SyntheticPhotos.jpeg(SyntheticPhotos.photo(640, 480, 3), SyntheticPhotos.QUALITY);

    private final ImageDecoder turbo = ImageDecoder.create(ImageLimits.defaults(), JpegDecoder.TURBOJPEG);
    private final ImageDecoder imageio = ImageDecoder.create(ImageLimits.defaults(), JpegDecoder.IMAGEIO);

    @Test
    void fastModeDecodesJpegsWithLibjpegTurboWhereItIsInstalled() {
        assertThat(ImageDecoder.create().jpegDecoder()).matches("turbojpeg \\d+\\.\\d+\\.\\d+");
        assertThat(turbo.jpegDecoder()).isEqualTo(ImageDecoder.create().jpegDecoder());
        assertThat(imageio.jpegDecoder()).isEqualTo("imageio (preprocess.jpeg-decoder=IMAGEIO)");
        assertThat(JpegDecoder.parse(" TurboJpeg ")).isEqualTo(JpegDecoder.TURBOJPEG);
    }

    @Test
    void dctScalingPicksTheSmallestFactorThatKeepsTheShortSide() {
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 224))).containsExactly(320, 240);
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 100))).containsExactly(160, 120);
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 60))).containsExactly(80, 60);
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 30))).as("1/8 is the smallest factor").containsExactly(80, 60);
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 300))).as("5/8").containsExactly(400, 300);
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 480))).containsExactly(640, 480);
        assertThat(size(turbo.decodeReduced(LANDSCAPE, 1000))).as("never enlarged").containsExactly(640, 480);
        // an odd side rounds up, as TJSCALED does
        byte[] odd = SyntheticPhotos.jpeg(SyntheticPhotos.photo(333, 501, 4), SyntheticPhotos.QUALITY);
        assertThat(size(turbo.decodeReduced(odd, 150))).containsExactly(167, 251);
        assertThat(turbo.decodeReduced(LANDSCAPE, 224).getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    }

    @Test
    void dctScalingIsNotSubsamplingAndMatchesTheFullDecodeAtFullSize() {
        BufferedImage scaled = turbo.decodeReduced(LANDSCAPE, 224);
        BufferedImage subsampled = imageio.decodeReduced(LANDSCAPE, 224);
        BufferedImage full = imageio.decodeImage(LANDSCAPE);
        assertThat(size(subsampled)).containsExactly(320, 240);
        // the reduced IDCT averages each 2x2 block (a low-pass), subsampling keeps one pixel of it
        double toBlockMean = meanAbsToBlockMean(scaled, full);
        double subsampledToBlockMean = meanAbsToBlockMean(subsampled, full);
        assertThat(toBlockMean).as("turbojpeg 1/2 vs 2x2 means of the full decode, levels").isLessThan(2.0);
        assertThat(subsampledToBlockMean).as("subsampled vs 2x2 means, levels").isGreaterThan(2 * toBlockMean);
        // unscaled, libjpeg-turbo and the JDK's libjpeg agree exactly (both islow IDCT, fancy upsampling)
        assertThat(maxAbs(turbo.decodeReduced(LANDSCAPE, 480), full)).isZero();
    }

    @Test
    void exactModeDecodesJpegsAtFullSizeWithLibjpegTurboGivingTheJdkDecodersPixels() throws Exception {
        assertThat(turbo.jpegDecoder()).startsWith("turbojpeg");
        List<byte[]> jpegs = new ArrayList<>(SyntheticPhotos.jpegs(4, 33));
        for (String file : List.of("pil/photo_420.jpg", "pil/photo_444.jpg", "pil/photo_progressive.jpg",
                "pil/coco_landscape_q90.jpg", "pil/coco_portrait_q90.jpg", "formats/progressive.jpg", "formats/romm_profile.jpg")) {
            jpegs.add(PilFixtures.bytes("/io/clipstream/preprocess/" + file));
        }
        BufferedImage grey = new BufferedImage(97, 61, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, 97, 61, new Random(3).ints(97 * 61, 0, 256).toArray());
        java.io.ByteArrayOutputStream greyJpeg = new java.io.ByteArrayOutputStream();
        assertThat(javax.imageio.ImageIO.write(grey, "jpeg", greyJpeg)).isTrue();
        jpegs.add(greyJpeg.toByteArray());
        for (byte[] jpeg : jpegs) {
            BufferedImage fromTurbo = turbo.decodeImage(jpeg);
            BufferedImage fromImageIo = imageio.decodeImage(jpeg);
            assertThat(size(fromTurbo)).isEqualTo(size(fromImageIo));
            assertThat(fromTurbo.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
            // every channel of every pixel; ImageIO's grey JPEG is TYPE_BYTE_GRAY, so both are compared as RGB
            assertThat(pixels(RgbConversion.toRgb(fromTurbo))).isEqualTo(pixels(RgbConversion.toRgb(fromImageIo)));
        }
        // CMYK needs the reader's conversion: it goes through ImageIO whatever the setting
        byte[] cmyk = PilFixtures.bytes(FORMATS + "cmyk.jpg");
        assertThat(pixels(turbo.decodeRgb(cmyk))).isEqualTo(pixels(imageio.decodeRgb(cmyk)));
        // the limits apply to the declared size before decompression, as on every other path
        ImageDecoder strict = ImageDecoder.create(ImageLimits.builder().optMaxPixels(640L * 480 - 1).build(), JpegDecoder.TURBOJPEG);
        assertRejected(() -> strict.decodeImage(LANDSCAPE), Reason.TOO_MANY_PIXELS);
        assertRejected(() -> turbo.decodeImage(withDeclaredSize(LANDSCAPE, 65000, 65000)), Reason.TOO_MANY_PIXELS);
        assertRejected(() -> turbo.decodeImage(Arrays.copyOf(LANDSCAPE, 3)), Reason.CORRUPT);
    }

    @Test
    void fastStaysCloseToExactInPixelsAndEmbeddings(@TempDir Path dir) {
        // a random network of ViT-B/32's input geometry (224 pixels, 32-pixel patches), tiny widths
        ClipConfig config = new ClipConfig(new ClipTextConfig(13, 16, 24, 2, 2, 12, "quick_gelu", 1e-5, 12),
                new ClipVisionConfig(32, 48, 2, 2, 3, 224, 32, "quick_gelu", 1e-5), 16, 2.6592);
        Path model = TinyCheckpoints.write(dir.resolve("vit"), config, 11);
        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.defaults());
        assertThat(turbo.jpegDecoder()).startsWith("turbojpeg");
        List<float[]> exact = new ArrayList<>();
        List<float[]> fast = new ArrayList<>();
        double meanAbs = 0;
        double subsampledMeanAbs = 0;
        for (byte[] photo : SyntheticPhotos.jpegs(12, 21)) {
            float[] e = processor.preprocess(PreprocessMode.EXACT.decode(turbo, processor, photo));
            float[] f = processor.preprocess(PreprocessMode.FAST.decode(turbo, processor, photo));
            meanAbs += meanAbs(e, f) / 12;
            subsampledMeanAbs += meanAbs(e, processor.preprocess(PreprocessMode.FAST.decode(imageio, processor, photo))) / 12;
            exact.add(e);
            fast.add(f);
        }
        // normalised units (one 8-bit level is about 0.0145): measured 0.011 (under one level), ImageIO's subsampling 0.03
        assertThat(meanAbs).as("mean |exact - fast| pixel").isLessThan(0.02).isLessThan(subsampledMeanAbs / 2);
        try (ClipModel clip = ClipModel.load(model)) {
            float[][] a = clip.encodePixels(exact);
            float[][] b = clip.encodePixels(fast);
            for (int i = 0; i < a.length; i++) {
                // measured at least 0.999993
                assertThat(dot(a[i], b[i])).as("cosine(exact, fast) of photo %d", i).isGreaterThan(0.9999);
            }
        }
    }

    @Test
    void limitsApplyToTheDeclaredSizeBeforeAnythingIsDecompressed() {
        ImageDecoder strict = ImageDecoder.create(ImageLimits.builder().optMaxPixels(640L * 480 - 1).build(), JpegDecoder.TURBOJPEG);
        assertRejected(() -> strict.decodeReduced(LANDSCAPE, 224), Reason.TOO_MANY_PIXELS);
        ImageDecoder small = ImageDecoder.create(ImageLimits.builder().optMaxBytes(LANDSCAPE.length - 1).build(), JpegDecoder.TURBOJPEG);
        assertRejected(() -> small.decodeReduced(LANDSCAPE, 224), Reason.TOO_LARGE_BYTES);
        assertRejected(() -> turbo.decodeReduced(new byte[0], 224), Reason.EMPTY);
        assertRejected(() -> turbo.decodeReduced(null, 224), Reason.EMPTY);
        // a 65000x65000 canvas declared in a few hundred bytes: refused from its header
        assertRejected(() -> turbo.decodeReduced(withDeclaredSize(LANDSCAPE, 65000, 65000), 224), Reason.TOO_MANY_PIXELS);
    }

    @Test
    void corruptJpegsAreRejectedAsImageIoRejectsThemAndTheThreadKeepsDecoding() {
        byte[] reference = pixels(turbo.decodeReduced(LANDSCAPE, 224));
        byte[] headerOnly = Arrays.copyOf(LANDSCAPE, 3);
        byte[] bogusHuffmanTable = LANDSCAPE.clone();
        int dht = marker(bogusHuffmanTable, 0xC4);
        Arrays.fill(bogusHuffmanTable, dht + 5, dht + 21, (byte) 0xFF); // code counts that no table can have
        for (byte[] bad : List.of(headerOnly, bogusHuffmanTable, withDeclaredSize(LANDSCAPE, 0, 480))) {
            assertRejected(() -> turbo.decodeReduced(bad, 224), Reason.CORRUPT);
            assertRejected(() -> imageio.decodeReduced(bad, 224), Reason.CORRUPT);
            // the handle that failed is replaced; the next image decodes as before
            assertThat(pixels(turbo.decodeReduced(LANDSCAPE, 224))).isEqualTo(reference);
        }
        // a truncated scan is a warning to both: the image, its missing part grey
        byte[] truncated = Arrays.copyOf(LANDSCAPE, LANDSCAPE.length / 2);
        assertThat(size(turbo.decodeReduced(truncated, 224))).containsExactly(320, 240);
        assertThat(size(imageio.decodeReduced(truncated, 224))).containsExactly(320, 240);
        // damaged entropy-coded data: libjpeg-turbo warns and resynchronises (as Pillow, which uses it, does);
        // the JDK's reader gives up at the first unknown marker. Either way the answer is an image or a rejection.
        byte[] scrambled = LANDSCAPE.clone();
        Random random = new Random(5);
        for (int i = scrambled.length / 3; i < scrambled.length - 2; i += 97) {
            scrambled[i] = (byte) random.nextInt(256);
        }
        assertThat(size(turbo.decodeReduced(scrambled, 224))).containsExactly(320, 240);
        assertRejected(() -> imageio.decodeReduced(scrambled, 224), Reason.CORRUPT);
        assertThat(pixels(turbo.decodeReduced(LANDSCAPE, 224))).isEqualTo(reference);
    }

    @Test
    void damagedJpegsGiveAnImageOrARejectionNeverAnotherFailure() {
        Random random = new Random(9);
        int rejected = 0;
        for (int n = 0; n < 300; n++) {
            byte[] bad = LANDSCAPE.clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                // mostly in the headers, where damage changes sizes, tables and markers
                int at = random.nextInt(4) == 0 ? random.nextInt(bad.length) : 2 + random.nextInt(620);
                bad[at] = (byte) random.nextInt(256);
            }
            try {
                BufferedImage image = turbo.decodeReduced(bad, 224);
                assertThat(Math.min(image.getWidth(), image.getHeight())).isPositive();
            } catch (ImageRejectedException e) {
                assertThat(e.reason()).isIn(Reason.CORRUPT, Reason.TOO_MANY_PIXELS);
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(rejected).as("some of the damage is detected").isPositive();
    }

    @Test
    void cmykJpegsAndOtherFormatsKeepTheImageIoPath() {
        byte[] cmyk = PilFixtures.bytes(FORMATS + "cmyk.jpg");
        assertThat(pixels(RgbConversion.toRgb(turbo.decodeReduced(cmyk, 8))))
                .isEqualTo(pixels(RgbConversion.toRgb(imageio.decodeReduced(cmyk, 8))));
        byte[] png = PilFixtures.bytes(FORMATS + "quadrants.png");
        assertThat(pixels(RgbConversion.toRgb(turbo.decodeReduced(png, 8))))
                .isEqualTo(pixels(RgbConversion.toRgb(imageio.decodeReduced(png, 8))));
        // the progressive fixture is a JPEG TurboJPEG decodes itself, here at 3/8
        assertThat(size(turbo.decodeReduced(PilFixtures.bytes(FORMATS + "progressive.jpg"), 8))).containsExactly(12, 9);
    }

    @Test
    void everyThreadDecodesWithItsOwnHandle() throws Exception {
        List<byte[]> photos = SyntheticPhotos.jpegs(8, 33);
        List<byte[]> expected = photos.stream().map(p -> pixels(turbo.decodeReduced(p, 224))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int k = (i + offset) % photos.size();
                        if (!Arrays.equals(pixels(turbo.decodeReduced(photos.get(k), 224)), expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] size(BufferedImage image) {
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static byte[] pixels(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData().clone();
    }

    private static int[] pixels(RgbImage image) {
        return image.pixels().clone();
    }

    /** The JPEG with the width and height of its SOF0 frame header replaced. */
    private static byte[] withDeclaredSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        int sof = marker(out, 0xC0);
        out[sof + 5] = (byte) (height >> 8);
        out[sof + 6] = (byte) height;
        out[sof + 7] = (byte) (width >> 8);
        out[sof + 8] = (byte) width;
        return out;
    }

    /** Where the first {@code 0xFF code} marker of the headers starts. */
    private static int marker(byte[] jpeg, int code) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(code));
    }

    /** Mean over pixels and channels of |half(x, y) - mean of full's 2x2 block at (2x, 2y)|. */
    private static double meanAbsToBlockMean(BufferedImage half, BufferedImage full) {
        double sum = 0;
        for (int y = 0; y < half.getHeight(); y++) {
            for (int x = 0; x < half.getWidth(); x++) {
                int h = half.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int s = 0;
                    for (int d = 0; d < 4; d++) {
                        s += (full.getRGB(2 * x + d % 2, 2 * y + d / 2) >>> shift) & 0xFF;
                    }
                    sum += Math.abs(((h >>> shift) & 0xFF) - s / 4.0);
                }
            }
        }
        return sum / (3.0 * half.getWidth() * half.getHeight());
    }

    private static int maxAbs(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((a.getRGB(x, y) >>> shift) & 0xFF) - ((b.getRGB(x, y) >>> shift) & 0xFF)));
                }
            }
        }
        return max;
    }

    private static double meanAbs(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
