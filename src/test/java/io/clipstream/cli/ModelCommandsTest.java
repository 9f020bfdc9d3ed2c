package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.align.Similarity;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipModelOptions;
import io.clipstream.model.TinyCheckpoints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code embed}, {@code score} and {@code bench model} through the real command tree. */
class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path tmp;
    static Path model;
    static Path red;
    static Path blue;

    @BeforeAll
    static void setUp() throws Exception {
        model = TinyCheckpoints.write(tmp.resolve("tiny"), TinyCheckpoints.config(), 3);
        red = image("red.png", 0xff0000);
        blue = image("blue.png", 0x2040ff);
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cli = ClipstreamCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aCommandWithoutItsOwnErrorHandlingStillReportsABadModelFolderInOneLine() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(tmp.resolve("no-model"));
        Path samples = Path.of("..").resolve(ClipModelOptions.DEFAULT_MODEL_DIR).resolve("samples");
        Result r = run("eval", "--model", empty.toString(), "--dataset", samples.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("eval: Missing config.json in model folder").doesNotContain("\tat ");
    }

    @Test
    void embedPrintsImagesThenTextsInOrder() throws Exception {
        Result r = run("embed", "--model", model.toString(), "--text", "a red car", "--image", blue.toString(),
                "--text", "dog", "--image", red.toString());
        assertThat(r.exit).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(4);
        try (ClipModel clip = ClipModel.load(model)) {
            float[][] images = clip.encodeImages(EmbedCommand.readImages(List.of(blue, red)));
            float[][] texts = clip.encodeTexts(List.of("a red car", "dog"));
            String[][] expected = {{"image", blue.toString()}, {"image", red.toString()}, {"text", "a red car"}, {"text", "dog"}};
            float[][] vectors = {images[0], images[1], texts[0], texts[1]};
            for (int i = 0; i < 4; i++) {
                JsonNode node = JSON.readTree(lines.get(i));
                assertThat(node.get("modality").asText()).isEqualTo(expected[i][0]);
                assertThat(node.get("input").asText()).isEqualTo(expected[i][1]);
                float[] embedding = new float[node.get("embedding").size()];
                for (int j = 0; j < embedding.length; j++) {
                    embedding[j] = node.get("embedding").get(j).floatValue();
                }
                assertThat(embedding).containsExactly(vectors[i], within(1e-6f));
            }
        }
    }

    @Test
    void scoreJsonGivesCosineAndSoftmaxPerText() throws Exception {
        Result r = run("score", "--model", model.toString(), "--image", red.toString(),
                "--text", "a red car", "--text", "a blue dog", "--text", "cat", "--json");
        assertThat(r.exit).as(r.err).isZero();
        List<String> lines = r.out.lines().toList();
        assertThat(lines).hasSize(3);
        float[] cosines = new float[3];
        float[] probabilities = new float[3];
        for (int i = 0; i < 3; i++) {
            JsonNode node = JSON.readTree(lines.get(i));
            assertThat(node.get("text").asText()).isEqualTo(List.of("a red car", "a blue dog", "cat").get(i));
            cosines[i] = node.get("cosine").floatValue();
            probabilities[i] = node.get("probability").floatValue();
        }
        try (ClipModel clip = ClipModel.load(model)) {
            float[] image = clip.encodeImages(EmbedCommand.readImages(List.of(red)))[0];
            float[][] texts = clip.encodeTexts(List.of("a red car", "a blue dog", "cat"));
            for (int i = 0; i < 3; i++) {
                assertThat(cosines[i]).isCloseTo(Similarity.cosine(image, texts[i]), within(1e-6f));
            }
            assertThat(probabilities).containsExactly(Similarity.probabilities(clip.logitScale(), cosines), within(1e-6f));
        }
        Result table = run("score", "--model", model.toString(), "--image", red.toString(), "--text", "a red car", "--text", "cat");
        assertThat(table.exit).isZero();
        assertThat(table.out).contains("probability", "cosine", "a red car", "cat");
    }

    @Test
    void benchModelPrintsFiguresPerBatchSize() {
        Result r = run("bench", "model", "--model", model.toString(), "--batch-sizes", "1,4", "--seconds", "0.05", "--warmup", "1");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).containsPattern("images\\s+1\\s+\\d").containsPattern("texts\\s+4\\s+\\d");
    }

    @Test
    void benchModelRunsOnTheIntraOpThreadsAskedForAndSaysSo() {
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        Result r = run("bench", "model", "--model", model.toString(), "--batch-sizes", "2", "--seconds", "0.05", "--warmup", "1",
                "--threads", "1");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains("1 intra-op threads").contains("OMP_WAIT_POLICY").containsPattern("images\\s+2\\s+\\d");
        // the engine's own setting is back for whatever runs next in the process
        assertThat(ai.djl.pytorch.jni.JniUtils.getNumThreads()).isEqualTo(before);
        assertThat(run("bench", "model", "--model", model.toString(), "--threads", "-1").exit).isNotZero();
    }

    @Test
    void userErrorsGiveOneLineAndNonZeroExit() throws Exception {
        String home = System.getProperty(ClipModelOptions.HOME_PROPERTY);
        System.setProperty(ClipModelOptions.HOME_PROPERTY, tmp.toString());
        try {
            // no --model and no bundled model under the project home: the message names the folder it looked for
            Result missingModel = run("embed", "--text", "x");
            assertThat(missingModel.exit).isNotZero();
            assertThat(missingModel.err).contains(ClipModelOptions.DEFAULT_MODEL_DIR);
        } finally {
            if (home == null) {
                System.clearProperty(ClipModelOptions.HOME_PROPERTY);
            } else {
                System.setProperty(ClipModelOptions.HOME_PROPERTY, home);
            }
        }

        Result badFolder = run("embed", "--model", tmp.resolve("nope").toString(), "--text", "x");
        assertThat(badFolder.exit).isEqualTo(1);
        assertThat(badFolder.err).contains("does not exist").doesNotContain("\tat ");

        Result missingImage = run("score", "--model", model.toString(), "--image", tmp.resolve("none.png").toString(), "--text", "x");
        assertThat(missingImage.exit).isEqualTo(1);
        assertThat(missingImage.err).contains("image file not found").doesNotContain("\tat ");

        Path garbage = Files.writeString(tmp.resolve("garbage.jpg"), "not an image");
        Result badImage = run("embed", "--model", model.toString(), "--image", garbage.toString());
        assertThat(badImage.exit).isEqualTo(1);
        assertThat(badImage.err).contains("cannot decode image").doesNotContain("\tat ");

        Result nothing = run("embed", "--model", model.toString());
        assertThat(nothing.exit).isNotZero();
        assertThat(nothing.err).contains("at least one --image or --text");
    }

    private static Path image(String name, int rgb) throws Exception {
        BufferedImage image = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 24; x++) {
                image.setRGB(x, y, x < 12 ? rgb : rgb ^ 0x00ff00);
            }
        }
        Path file = tmp.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
