package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.preprocess.RgbConversion;
import io.clipstream.preprocess.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled model was trained on emoji drawn over white; its folder declares that compositing,
 * so dropping the alpha by default (as transformers does) leaves its outputs as they were.
 */
class BundledModelAlphaTest {
    private static final Path BUNDLED = Path.of("..", "models", "clipstream-emoji-small").toAbsolutePath().normalize();

    private static Path bundled() {
        Path local = Path.of("models", "clipstream-emoji-small");
        return Files.isDirectory(local) ? local : BUNDLED;
    }

    /**
     * The sample as an emoji PNG with transparency: the near-white background becomes transparent
     * black, the anti-aliased rim half transparent.
     */
    private static byte[] cutOut(BufferedImage sample) throws Exception {
        BufferedImage argb = new BufferedImage(sample.getWidth(), sample.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < sample.getHeight(); y++) {
            for (int x = 0; x < sample.getWidth(); x++) {
                int rgb = sample.getRGB(x, y) & 0xFFFFFF;
                int min = Math.min((rgb >>> 16) & 0xFF, Math.min((rgb >>> 8) & 0xFF, rgb & 0xFF));
                argb.setRGB(x, y, min > 245 ? 0 : min > 200 ? 0x80000000 | rgb : 0xFF000000 | rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(argb, "png", out);
        return out.toByteArray();
    }

    @Test
    void bundledFolderDeclaresCompositingOverWhite() throws Exception {
        PreprocessorConfig config = PreprocessorConfig.load(bundled().resolve(PreprocessorConfig.FILE_NAME));

        assertThat(config.alphaBackground()).hasValue(0xFFFFFF);
    }

    @Test
    void transparentSamplesEncodeExactlyAsWhenCompositedOverWhiteBeforehand() throws Exception {
        List<BufferedImage> decoded = new ArrayList<>();
        List<BufferedImage> overWhite = new ArrayList<>();
        try (Stream<Path> files = Files.list(bundled().resolve("samples").resolve("img"))) {
            for (Path file : files.sorted().limit(8).toList()) {
                byte[] png = cutOut(ImageIO.read(file.toFile()));
                RgbImage rgb = ImageDecoder.create().decodeRgb(png);
                assertThat(rgb.alpha()).as(file + " cut out").isNotNull();
                decoded.add(ImageDecoder.create().decode(png));
                // what the conversion did before dropping the alpha became the default
                BufferedImage white = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < rgb.height(); y++) {
                    for (int x = 0; x < rgb.width(); x++) {
                        int i = y * rgb.width() + x;
                        white.setRGB(x, y, RgbConversion.overWhite((rgb.alpha()[i] & 0xFF) << 24 | rgb.pixels()[i]));
                    }
                }
                overWhite.add(white);
            }
        }
        try (ClipModel model = ClipModel.load(bundled())) {
            float[][] actual = model.encodeImages(decoded);
            float[][] expected = model.encodeImages(overWhite);
            for (int i = 0; i < actual.length; i++) {
                // the same pixels go into the same forward pass: identical vectors
                assertThat(actual[i]).containsExactly(expected[i], within(0f));
            }
            // and the setting matters: with the alpha dropped the same files give other vectors
            ClipImageProcessor dropping = ClipImageProcessor.of(PreprocessorConfig.builder()
                    .optShortestEdge(model.imageSize()).optCropSize(model.imageSize()).build());
            List<float[]> pixels = decoded.stream().map(dropping::preprocess).toList();
            float[][] dropped = model.encodePixels(pixels);
            double largest = 0;
            for (int i = 0; i < dropped.length; i++) {
                for (int j = 0; j < dropped[i].length; j++) {
                    largest = Math.max(largest, Math.abs(dropped[i][j] - expected[i][j]));
                }
            }
            assertThat(largest).isGreaterThan(1e-3);
        }
    }
}
