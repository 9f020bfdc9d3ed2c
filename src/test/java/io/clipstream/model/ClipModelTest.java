package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.PreprocessorConfig;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipModelTest {
    /** Batched against one-at-a-time, and thread against thread, on normalised vectors. */
    private static final float TOLERANCE = 1e-5f;
    private static final List<String> TEXTS = List.of("a photo of a cat", "a big red car", "dog",
            "a small blue dog of a photo", "unknownword cat", "");

    @TempDir static Path tmp;
    static Path dir;
    static ClipModel model;

    @BeforeAll
    static void load() {
        dir = TinyCheckpoints.write(tmp.resolve("tiny-clip"), TinyCheckpoints.config(), 5);
        model = ClipModel.load(dir);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void describesItself() {
        assertThat(model.embeddingDimension()).isEqualTo(8);
        assertThat(model.imageSize()).isEqualTo(16);
        assertThat(model.logitScale()).isCloseTo((float) Math.exp(2.6592), within(1e-4f));
        assertThat(model.modelId()).matches("tiny-clip-[0-9a-f]{8}");
        assertThat(model.modelId()).isEqualTo(ClipModel.load(dir).modelId());
    }

    @Test
    void textsAreNormalisedDeterministicAndBatchEqualsSingle() {
        float[][] batch = model.encodeTexts(TEXTS);
        assertThat(batch.length).isEqualTo(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(norm(batch[i])).isCloseTo(1.0, within(1e-5));
            assertThat(model.encodeTexts(List.of(TEXTS.get(i)))[0]).as(TEXTS.get(i)).containsExactly(batch[i], within(TOLERANCE));
        }
        assertThat(model.encodeTexts(TEXTS)).isDeepEqualTo(batch);
        assertThat(batch[0]).isNotEqualTo(batch[1]);
    }

    @Test
    void imagesGoThroughThePreprocessorAndBatchEqualsSingle() throws Exception {
        List<BufferedImage> images = List.of(image(1, 40, 30), image(2, 16, 16), image(3, 20, 64));
        float[][] batch = model.encodeImages(images);
        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.load(dir.resolve("preprocessor_config.json")));
        for (int i = 0; i < images.size(); i++) {
            assertThat(norm(batch[i])).isCloseTo(1.0, within(1e-5));
            assertThat(model.encodeImages(List.of(images.get(i)))[0]).containsExactly(batch[i], within(TOLERANCE));
            assertThat(model.encodePixels(List.of(processor.preprocess(images.get(i))))[0]).containsExactly(batch[i], within(TOLERANCE));
        }
        assertThat(batch[0]).isNotEqualTo(batch[1]);
    }

    @Test
    void emptyBatchesAndWrongPixelCounts() {
        assertThat(model.encodeTexts(List.of())).isEmpty();
        assertThat(model.encodeImages(List.of())).isEmpty();
        assertThatThrownBy(() -> model.encodeTokens(new io.clipstream.preprocess.TokenBatch(new long[][] {{0, 99}}, new long[][] {{1, 1}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token id 99 is outside the vocabulary [0, 13)");
        assertThatThrownBy(() -> model.encodeTokens(new io.clipstream.preprocess.TokenBatch(new long[1][13], new long[1][13])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds max_position_embeddings 12");
        assertThatThrownBy(() -> model.encodePixels(List.of(new float[10])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 768");
    }

    @Test
    void thousandsOfEncodesLeaveNoArrayBehind() {
        BaseNDManager manager = (BaseNDManager) model.manager();
        model.encodeTexts(TEXTS);
        int before = manager.getManagedArrays().size();
        List<float[]> pixels = List.of(new float[768], new float[768]);
        for (int i = 0; i < 1000; i++) {
            model.encodeTexts(TEXTS.subList(i % 3, i % 3 + 2));
            model.encodePixels(pixels);
        }
        // the weights (one array per parameter) and nothing else
        assertThat(manager.getManagedArrays()).hasSize(before);
        assertThat(before).isEqualTo(ParameterLayout.of(model.config()).size());
    }

    /** {@code n} Gaussian inputs of the tiny model (3 x 16 x 16). */
    private static List<float[]> randomPixels(int n, long seed) {
        Random random = new Random(seed);
        List<float[]> pixels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] p = new float[768];
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) random.nextGaussian();
            }
            pixels.add(p);
        }
        return pixels;
    }

    @Test
    void inputsGoThroughOneReusedDirectBufferPerThreadNotANewOneACall() throws Exception {
        List<float[]> four = randomPixels(4, 3);
        float[][] expected = model.encodePixels(four);
        float[][] expectedTexts = model.encodeTexts(TEXTS);
        java.nio.ByteBuffer buffer = InputBuffers.floatBufferOfThisThread();
        assertThat(buffer).isNotNull();
        assertThat(buffer.isDirect()).isTrue();
        assertThat(buffer.capacity()).isGreaterThanOrEqualTo(4 * 768 * Float.BYTES);
        for (int i = 0; i < 200; i++) {
            // smaller and larger batches through the same buffer: nothing of one call leaks into the next
            assertThat(model.encodePixels(four.subList(0, 1 + i % 4))[0]).containsExactly(expected[0], within(TOLERANCE));
            assertThat(model.encodeTexts(TEXTS.subList(0, 1 + i % 3))[0]).containsExactly(expectedTexts[0], within(TOLERANCE));
        }
        assertThat(InputBuffers.floatBufferOfThisThread()).isSameAs(buffer);
        // another thread has a buffer of its own
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            java.nio.ByteBuffer theirs = other.submit(() -> {
                model.encodePixels(four);
                return InputBuffers.floatBufferOfThisThread();
            }).get();
            assertThat(theirs).isNotNull().isNotSameAs(buffer);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void threadsShareOneModel() throws Exception {
        float[][] expectedTexts = model.encodeTexts(TEXTS);
        List<float[]> pixels = randomPixels(4, 9);
        float[][] expectedImages = model.encodePixels(pixels);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        assertThat(model.encodeTexts(TEXTS)).hasDimensions(TEXTS.size(), 8);
                        float[][] texts = model.encodeTexts(TEXTS);
                        float[][] images = model.encodePixels(pixels);
                        for (int r = 0; r < texts.length; r++) {
                            assertThat(texts[r]).containsExactly(expectedTexts[r], within(TOLERANCE));
                        }
                        for (int r = 0; r < images.length; r++) {
                            assertThat(images[r]).containsExactly(expectedImages[r], within(TOLERANCE));
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void halfPrecisionIsIgnoredOnCpu() {
        try (ClipModel half = ClipModel.builder().setModelDir(dir).optDevice(ai.djl.Device.cpu()).optHalfPrecision(true).build()) {
            assertThat(half.encodeTexts(TEXTS)[0]).containsExactly(model.encodeTexts(TEXTS)[0], within(TOLERANCE));
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static BufferedImage image(long seed, int w, int h) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)).getRGB());
            }
        }
        return image;
    }
}
