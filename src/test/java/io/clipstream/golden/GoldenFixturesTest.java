package io.clipstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.align.ScoringRule;
import io.clipstream.align.Similarity;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ModelFamily;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ClipTokenizer;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.PreprocessorConfig;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.clipstream.model.TokenizerFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every family against what transformers itself computes ({@code scripts/golden/make_golden.py}):
 * the same checkpoint folder, the same image files and texts must give transformers' token ids,
 * PIL processor pixels, embeddings, logits and probabilities.
 */
class GoldenFixturesTest {
    /** Embeddings, cosines and probabilities: float32 forward passes of two engines. */
    static final double TOLERANCE = 1e-5;

    static Path root() {
        try {
            return Path.of(GoldenFixturesTest.class.getResource("/io/clipstream/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected(String family) throws Exception {
        return new ObjectMapper().readTree(root().resolve(family).resolve("expected.json").toFile());
    }

    static List<String> texts(JsonNode e) {
        List<String> out = new ArrayList<>();
        e.get("texts").forEach(t -> out.add(t.asText()));
        return out;
    }

    static List<BufferedImage> images(JsonNode e) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        for (JsonNode name : e.get("images")) {
            out.add(ImageDecoder.create().decode(Files.readAllBytes(root().resolve("images").resolve(name.asText()))));
        }
        return out;
    }

    static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (float) rows.get(i).get(j).asDouble();
            }
        }
        return out;
    }

    static double maxDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).hasSameSizeAs(b[i]);
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clip", "siglip", "chinese_clip"})
    void tokenIdsAreTransformers(String family) throws Exception {
        JsonNode e = expected(family);
        List<String> texts = texts(e);
        try (ClipModel model = ClipModel.load(root().resolve(family).resolve("model"))) {
            for (int i = 0; i < texts.size(); i++) {
                long[] expectedIds = new long[e.get("token_ids").get(i).size()];
                for (int j = 0; j < expectedIds.length; j++) {
                    expectedIds[j] = e.get("token_ids").get(i).get(j).asLong();
                }
                assertThat(model.tokenizer().encode(texts.get(i))).as(texts.get(i)).containsExactly(expectedIds);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clip", "siglip", "chinese_clip"})
    void pixelsAreThoseOfTheFamilysPilImageProcessor(String family) throws Exception {
        JsonNode e = expected(family);
        Path dir = root().resolve(family);
        ClipImageProcessor processor = ClipImageProcessor.of(
                PreprocessorConfig.load(dir.resolve("model").resolve(PreprocessorConfig.FILE_NAME)));
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(e.get("pixel_values").asText())))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<BufferedImage> images = images(e);
        int size = 3 * processor.cropSize() * processor.cropSize();
        assertThat(buf.remaining()).isEqualTo(4 * size * images.size());
        for (int i = 0; i < images.size(); i++) {
            float[] expected = new float[size];
            buf.asFloatBuffer().position(i * size).get(expected);
            float[] actual = processor.preprocess(images.get(i));
            // tolerance: none; the same PIL arithmetic gives the same float32 bits
            assertThat(actual).as(e.get("images").get(i).asText()).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clip", "siglip", "chinese_clip"})
    void embeddingsLogitsAndProbabilitiesAgreeWithTransformers(String family) throws Exception {
        JsonNode e = expected(family);
        try (ClipModel model = ClipModel.load(root().resolve(family).resolve("model"))) {
            assertThat(model.config().family().modelType()).isEqualTo(family);
            float[][] images = model.encodeImages(images(e));
            float[][] texts = model.encodeTexts(texts(e));
            double imageDiff = maxDiff(images, matrix(e.get("image_embeds")));
            double textDiff = maxDiff(texts, matrix(e.get("text_embeds")));
            assertThat(imageDiff).as("image embeddings").isLessThan(TOLERANCE);
            assertThat(textDiff).as("text embeddings").isLessThan(TOLERANCE);

            ScoringRule rule = model.scoring();
            assertThat(rule.sigmoid()).isEqualTo(model.config().family() == ModelFamily.SIGLIP);
            float[][] cos = Similarity.cosines(images, texts);
            float[][] logits = new float[cos.length][];
            float[][] probabilities = new float[cos.length][];
            for (int i = 0; i < cos.length; i++) {
                logits[i] = new float[cos[i].length];
                for (int j = 0; j < cos[i].length; j++) {
                    logits[i][j] = (float) rule.logit(cos[i][j]);
                }
                probabilities[i] = rule.probabilities(cos[i]);
            }
            // logits are up to exp(logit_scale) = 10-15 times a cosine: the same relative error
            double logitDiff = maxDiff(logits, matrix(e.get("logits_per_image")));
            double probabilityDiff = maxDiff(probabilities, matrix(e.get("probabilities")));
            assertThat(logitDiff).as("logits").isLessThan(20 * TOLERANCE);
            assertThat(probabilityDiff).as("probabilities").isLessThan(TOLERANCE);
            System.out.printf("golden %s (transformers %s): max |java - transformers| image embeddings %.2e,"
                    + " text embeddings %.2e, logits %.2e, probabilities %.2e%n", family, e.get("transformers").asText(),
                    imageDiff, textDiff, logitDiff, probabilityDiff);
        }
    }

    @Test
    void chineseClipFromVocabTxtAloneTokenisesAndEncodesExactlyAsFromTokenizerJson(@TempDir Path tmp) throws Exception {
        Path source = root().resolve("chinese_clip").resolve("model");
        Path vocabOnly = tmp.resolve("vocab-only");
        Files.createDirectories(vocabOnly);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("tokenizer.json")) {
                    Files.copy(f, vocabOnly.resolve(f.getFileName()));
                }
            }
        }
        assertThat(TokenizerFiles.describe(vocabOnly)).startsWith("vocab.txt");
        List<String> texts = texts(expected("chinese_clip"));
        try (ClipModel withJson = ClipModel.load(source); ClipModel withVocab = ClipModel.load(vocabOnly)) {
            for (String text : texts) {
                assertThat(withVocab.tokenizer().encode(text)).as(text).containsExactly(withJson.tokenizer().encode(text));
            }
            assertThat(withVocab.encodeTexts(texts)).isDeepEqualTo(withJson.encodeTexts(texts));
        }
    }

    @Test
    void aSentencePieceSiglipTokenizerConvertedByTheProjectsScriptGivesSiglipTokenizersIds() throws Exception {
        Path dir = root().resolve("siglip_sentencepiece");
        JsonNode e = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
        try (ClipTokenizer tokenizer = ClipTokenizer.load(dir.resolve("tokenizer.json"), e.get("context").asInt(), true)) {
            for (int i = 0; i < e.get("texts").size(); i++) {
                String text = e.get("texts").get(i).asText();
                long[] expectedIds = new long[e.get("token_ids").get(i).size()];
                for (int j = 0; j < expectedIds.length; j++) {
                    expectedIds[j] = e.get("token_ids").get(i).get(j).asLong();
                }
                assertThat(tokenizer.encode(text)).as(text).containsExactly(expectedIds);
            }
        }
    }
}
