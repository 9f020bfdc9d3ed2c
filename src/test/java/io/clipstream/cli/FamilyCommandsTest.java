package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code score}, {@code embed} and {@code models inspect} on the golden checkpoints of every family. */
class FamilyCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        picocli.CommandLine cli = ClipstreamCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Path golden() throws Exception {
        return Path.of(FamilyCommandsTest.class.getResource("/io/clipstream/golden").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clip", "siglip", "chinese_clip"})
    void scoreJsonPrintsTransformersProbabilitiesForTheTransparentPng(String family) throws Exception {
        JsonNode expected = JSON.readTree(golden().resolve(family).resolve("expected.json").toFile());
        List<String> args = new ArrayList<>(List.of("score", "--json", "--model",
                golden().resolve(family).resolve("model").toString(),
                "--image", golden().resolve("images").resolve("transparent.png").toString()));
        List<String> texts = new ArrayList<>();
        expected.get("texts").forEach(t -> texts.add(t.asText()));
        for (String t : texts) {
            args.add("--text");
            args.add(t);
        }
        Result r = run(args.toArray(String[]::new));
        assertThat(r.exit).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(texts.size());
        for (int j = 0; j < texts.size(); j++) {
            JsonNode line = JSON.readTree(lines.get(j));
            assertThat(line.get("probability").asDouble()).as(texts.get(j))
                    .isCloseTo(expected.get("probabilities").get(0).get(j).asDouble(), within(1e-5));
        }
    }

    @Test
    void scoreJsonGivesSiglipsPerTextSigmoid() throws Exception {
        JsonNode expected = JSON.readTree(golden().resolve("siglip").resolve("expected.json").toFile());
        Result r = run("score", "--json", "--model", golden().resolve("siglip").resolve("model").toString(),
                "--image", golden().resolve("images").resolve("transparent.png").toString(),
                "--text", "a photo of a cat", "--text", "a red car");
        assertThat(r.exit).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        double sum = 0;
        for (int j = 0; j < 2; j++) {
            JsonNode line = JSON.readTree(lines.get(j));
            double p = line.get("probability").asDouble();
            // the sigmoid of the pair's own logit, not a softmax over the two texts
            assertThat(p).isCloseTo(1 / (1 + Math.exp(-line.get("logit").asDouble())), within(1e-6));
            assertThat(p).isCloseTo(expected.get("probabilities").get(0).get(j).asDouble(), within(1e-5));
            sum += p;
        }
        assertThat(sum).isNotCloseTo(1.0, within(1e-3));
    }

    @Test
    void inspectPrintsFamilyTowersSizesAndPreprocessing() throws Exception {
        Result r = run("models", "inspect", golden().resolve("siglip").resolve("model").toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("family        siglip (SiglipModel)")
                .contains("attention-pooling head").contains("width 8, 2 layers, 2 heads")
                .contains("dtype         F32").contains("tokenizer     tokenizer.json, every text padded")
                .contains("resize to 16x16").contains("sigmoid(");
        assertThat(r.out).contains("parameters    4,106 in 88 tensors");

        Result chinese = run("models", "inspect", golden().resolve("chinese_clip").resolve("model").toString());
        assertThat(chinese.out).contains("chinese_clip (ChineseCLIPModel)").contains("BERT, [CLS]");
    }

    @Test
    void anUnsupportedFamilyIsNamedWithTheSupportedOnes(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"blip\", \"architectures\": [\"BlipModel\"]}");

        Result r = run("models", "inspect", tmp.toString());

        assertThat(r.exit).isNotZero();
        assertThat(r.err).contains("model_type 'blip'").contains("clip (CLIPModel)").contains("siglip (SiglipModel)")
                .contains("chinese_clip (ChineseCLIPModel)");
    }

    @Test
    void siglip2NaflexIsRefusedClearly(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"siglip2\", \"architectures\": [\"Siglip2Model\"]}");

        Result r = run("models", "inspect", tmp.toString());

        assertThat(r.exit).isNotZero();
        assertThat(r.err).contains("NaFlex").contains("model_type siglip");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"siglip", "chinese_clip"})
    void evalRunsWithEveryFamily(String family, @TempDir Path tmp) throws Exception {
        Path samples = Path.of("").toAbsolutePath().getParent().resolve("models/clipstream-emoji-small/samples");
        Path report = tmp.resolve("eval.html");

        Result r = run("eval", "--model", golden().resolve(family).resolve("model").toString(), "--dataset",
                samples.toString(), "--report", report.toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(Files.readString(report)).contains("R@1").contains("153 images");
    }
}
