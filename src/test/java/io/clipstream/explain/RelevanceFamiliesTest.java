package io.clipstream.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.align.Similarity;
import io.clipstream.cli.ClipstreamCli;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ModelFamily;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code explain} on the tiny checkpoint of each family that transformers wrote (the golden
 * fixtures): well-formed maps and token relevance, and the model's own scores (the tap leaves the
 * forward pass alone).
 */
class RelevanceFamiliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    static Path golden() {
        try {
            return Path.of(RelevanceFamiliesTest.class.getResource("/io/clipstream/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> texts(String family) throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(golden().resolve(family).resolve("expected.json").toFile()).path("texts").forEach(t -> out.add(t.asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip", "siglip", "chinese_clip"})
    void everyFamilyGivesWellFormedMapsAndTokenRelevanceAndItsOwnScores(String family) throws IOException {
        Path model = golden().resolve(family).resolve("model");
        List<String> texts = texts(family);
        for (String picture : List.of("wide.png", "tall.png", "transparent.png")) {
            BufferedImage image = ImageIO.read(golden().resolve("images").resolve(picture).toFile());
            List<Explanation> explanations;
            try (RelevanceExplainer explainer = RelevanceExplainer.load(model)) {
                explanations = explainer.explain(image, texts);
            }
            try (ClipModel clip = ClipModel.load(model)) {
                assertThat(clip.config().family()).isEqualTo(ModelFamily.valueOf(family.toUpperCase(java.util.Locale.ROOT)));
                float[] imageVector = clip.encodeImages(List.of(image))[0];
                float[][] textVectors = clip.encodeTexts(texts);
                int grid = clip.config().vision().gridSize();
                int[] size = PictureMap.size(image.getWidth(), image.getHeight());
                for (int t = 0; t < texts.size(); t++) {
                    Explanation e = explanations.get(t);
                    String what = family + " " + picture + " \"" + texts.get(t) + "\"";
                    assertThat(e.cosine()).as(what).isCloseTo(Similarity.cosine(imageVector, textVectors[t]), within(1e-4f));
                    assertThat(e.patchMap()).as(what).hasNumberOfRows(grid);
                    assertUnitInterval(e.patchMap(), what);
                    // min-max normalised: the random towers do not give a flat map
                    assertThat(max(e.patchMap())).as(what).isEqualTo(1f);
                    assertThat(e.imageMap()).as(what).hasNumberOfRows(size[0]);
                    assertThat(e.imageMap()[0]).as(what).hasSize(size[1]);
                    assertUnitInterval(e.imageMap(), what);
                    int read = clip.tokenizer().encode(List.of(texts.get(t))).length();
                    assertThat(e.tokens()).as(what).hasSize(read);
                    assertThat(e.tokenRelevance()).as(what).hasSize(read);
                    float hi = 0;
                    for (float v : e.tokenRelevance()) {
                        assertThat(v).as(what).isBetween(0f, 1f);
                        hi = Math.max(hi, v);
                    }
                    int own = clip.tokenizer().encode(texts.get(t)).length;
                    boolean words = own > 2 || family.equals("siglip") && own > 1;
                    assertThat(hi).as(what).isEqualTo(words ? 1f : 0f);
                    // the pooled token is special or padding: it explains, it is not explained
                    assertThat(e.tokenRelevance()[pooled(family, e.tokens())]).as(what).isZero();
                }
            }
        }
    }

    /** Where each family pools its text, as the tokens show it. */
    private static int pooled(String family, List<String> tokens) {
        return switch (family) {
            case "siglip" -> tokens.size() - 1;
            case "chinese_clip" -> 0;
            default -> tokens.indexOf("<|endoftext|>");
        };
    }

    @Test
    void siglipReadsItsTextPaddedToTheContextAndShowsThePaddingAsSuch() throws IOException {
        Path model = golden().resolve("siglip").resolve("model");
        BufferedImage image = ImageIO.read(golden().resolve("images").resolve("wide.png").toFile());
        Explanation e;
        try (RelevanceExplainer explainer = RelevanceExplainer.load(model)) {
            e = explainer.explain(image, List.of("a red car")).get(0);
        }
        JsonNode expected = JSON.readTree(golden().resolve("siglip").resolve("expected.json").toFile());
        int own = expected.path("token_ids").get(1).size();
        int context = expected.path("token_ids").get(2).size(); // the over-long text is cut to the context
        assertThat(e.tokens()).hasSize(context);
        assertThat(e.tokens().subList(0, own)).doesNotContain(RelevanceExplainer.PAD);
        assertThat(e.tokens().subList(own, context)).containsOnly(RelevanceExplainer.PAD);
        for (int i = own - 1; i < context; i++) {
            assertThat(e.tokenRelevance()[i]).as("</s> and padding, position %s", i).isZero();
        }
    }

    @Test
    void chineseClipExplainsAChineseTextFromTheCommandLine() throws Exception {
        Path model = golden().resolve("chinese_clip").resolve("model");
        Path out = dir.resolve("explained");
        int exit = ClipstreamCli.commandLine().execute("explain", "--model", model.toString(),
                "--image", golden().resolve("images").resolve("transparent.png").toString(),
                "--text", "一只猫的照片", "--text", "a red car", "--out", out.toString());
        assertThat(exit).isZero();
        JsonNode json = JSON.readTree(out.resolve("relevance.json").toFile());
        assertThat(json).hasSize(2);
        JsonNode chinese = json.get(0);
        assertThat(chinese.path("text").asText()).isEqualTo("一只猫的照片");
        List<String> tokens = new ArrayList<>();
        chinese.path("tokens").forEach(t -> tokens.add(t.asText()));
        assertThat(tokens).containsExactly("[CLS]", "一", "只", "猫", "的", "照", "片", "[SEP]");
        JsonNode relevance = chinese.path("token_relevance");
        assertThat(relevance).hasSize(8);
        assertThat(relevance.get(0).asDouble()).isZero();
        assertThat(relevance.get(7).asDouble()).isZero();
        double hi = 0;
        for (int i = 1; i < 7; i++) {
            assertThat(relevance.get(i).asDouble()).isBetween(0.0, 1.0);
            hi = Math.max(hi, relevance.get(i).asDouble());
        }
        assertThat(hi).isEqualTo(1.0);
        try (ClipModel clip = ClipModel.load(model)) {
            BufferedImage image = ImageIO.read(golden().resolve("images").resolve("transparent.png").toFile());
            float cosine = Similarity.cosine(clip.encodeImages(List.of(image))[0], clip.encodeTexts(List.of("一只猫的照片"))[0]);
            assertThat(chinese.path("cosine").asDouble()).isCloseTo(cosine, within(1e-4));
        }
        for (JsonNode e : json) {
            Path png = out.resolve(e.path("png").asText());
            assertThat(Files.isRegularFile(png)).isTrue();
            BufferedImage written = ImageIO.read(png.toFile());
            // the picture scaled to PICTURE_SIDE on its long side (this one is wide), the words below it
            assertThat(written.getWidth()).isEqualTo(ExplanationWriter.PICTURE_SIDE);
            assertThat(written.getHeight()).isGreaterThan(ExplanationWriter.PICTURE_SIDE / 2);
        }
        assertThat(json.get(0).path("png").asText()).isNotEqualTo(json.get(1).path("png").asText());
    }

    @Test
    void aChineseClipFolderWithVocabTxtAloneExplainsAlike() throws IOException {
        Path golden = golden().resolve("chinese_clip").resolve("model");
        Path vocabOnly = dir.resolve("vocab-only");
        Files.createDirectories(vocabOnly);
        try (var files = Files.list(golden)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("tokenizer.json")) {
                    Files.copy(f, vocabOnly.resolve(f.getFileName()));
                }
            }
        }
        BufferedImage image = ImageIO.read(golden().resolve("images").resolve("tall.png").toFile());
        List<String> texts = List.of("一只猫的照片", "a photo of a cat");
        List<Explanation> full;
        List<Explanation> fromVocab;
        try (RelevanceExplainer explainer = RelevanceExplainer.load(golden)) {
            full = explainer.explain(image, texts);
        }
        try (RelevanceExplainer explainer = RelevanceExplainer.load(vocabOnly)) {
            fromVocab = explainer.explain(image, texts);
        }
        for (int t = 0; t < texts.size(); t++) {
            assertThat(fromVocab.get(t).tokens()).isEqualTo(full.get(t).tokens());
            assertThat(fromVocab.get(t).tokenRelevance()).containsExactly(full.get(t).tokenRelevance(), within(1e-6f));
            assertThat(fromVocab.get(t).cosine()).isCloseTo(full.get(t).cosine(), within(1e-6f));
        }
    }

    static void assertUnitInterval(float[][] map, String what) {
        for (float[] row : map) {
            for (float v : row) {
                assertThat(Float.isFinite(v)).as(what).isTrue();
                assertThat(v).as(what).isBetween(0f, 1f);
            }
        }
    }

    static float max(float[][] map) {
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] row : map) {
            for (float v : row) {
                hi = Math.max(hi, v);
            }
        }
        return hi;
    }
}
