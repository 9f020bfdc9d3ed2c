package io.clipstream.eval.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.cli.ClipstreamCli;
import io.clipstream.eval.Retrieval;
import io.clipstream.model.ClipModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The protocol's ranks, and the benchmark run on the bundled model through {@code eval}. */
class RetrievalBenchmarkTest {

    /** The bundled model; tests run in the core module's folder, {@code src/}. */
    static final Path BUNDLED = Path.of("").toAbsolutePath().getParent().resolve("models/clipstream-emoji-small");

    @Test
    void streamingRanksEqualTheFullMatrixRanks() {
        Random random = new Random(5);
        int n = 13;
        int[] owner = new int[n * 3 + 2];
        for (int c = 0; c < owner.length; c++) {
            owner[c] = Math.min(n - 1, c / 3);
        }
        float[][] images = unit(random, n, 6);
        float[][] texts = unit(random, owner.length, 6);
        int[] imageIds = new int[n];
        for (int i = 0; i < n; i++) {
            imageIds[i] = i;
        }
        float[][] sim = Retrieval.similarity(images, texts);
        int[][] ranks = CrossModalRanks.of(images, texts, owner);
        assertThat(ranks[0]).containsExactly(Retrieval.ranks(sim, imageIds, owner));
        assertThat(ranks[1]).containsExactly(Retrieval.ranks(Retrieval.transpose(sim), owner, imageIds));
    }

    @Test
    void anImageIsAnsweredWhenAnyOfItsCaptionsIsRetrieved() {
        float[][] images = {{1, 0}, {0, 1}};
        // image 0's first caption points away, its second straight at it
        float[][] texts = {{-1, 0}, {1, 0}, {0, 1}};
        int[][] ranks = CrossModalRanks.of(images, texts, new int[] {0, 0, 1});
        assertThat(ranks[0]).containsExactly(0, 0);
        assertThat(ranks[1]).containsExactly(1, 0, 0);
    }

    @Test
    void evalOnTheFlickrFixturePrintsTheTableThenOneJsonLine() throws Exception {
        String out = runEval("eval", "--model", BUNDLED.toString(), "--karpathy", BenchmarkReadersTest.fixtures().resolve("dataset_flickr30k.json").toString(),
                "--images", BenchmarkReadersTest.fixtures().resolve("flickr30k-images").toString(), "--json");
        List<String> lines = out.lines().toList();
        assertThat(out).contains("benchmark flickr30k-karpathy-test", "7 images, 35 captions", "image -> text", "published R@1");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("i2t_r1", "i2t_r5", "i2t_r10", "t2i_r1", "t2i_r5", "t2i_r10")) {
            assertThat(json.path(key).asDouble(-1)).as(key).isBetween(0.0, 1.0);
        }
        assertThat(json.path("i2t_r10").asDouble()).isEqualTo(1.0, within(1e-9)); // 7 images: every caption set is in the top 10 images
        assertThat(json.path("i2t_r1").asDouble()).isLessThanOrEqualTo(json.path("i2t_r5").asDouble());
        // the bundled model knows these emoji: far above the 1/7 of chance
        assertThat(json.path("i2t_r1").asDouble()).isGreaterThan(0.5);
        assertThat(json.path("ms_per_image").asDouble()).isPositive();

        try (ClipModel model = ClipModel.load(BUNDLED)) {
            BenchmarkSet set = BenchmarkReaders.karpathy(BenchmarkReadersTest.fixtures().resolve("dataset_flickr30k.json"),
                    BenchmarkReadersTest.fixtures().resolve("flickr30k-images"), "test", 5);
            BenchmarkResult r = new RetrievalBenchmark(4, new PrintStream(new ByteArrayOutputStream())).run(model, set, "x");
            assertThat(r.imageToText()[0]).isEqualTo(json.path("i2t_r1").asDouble(), within(1e-4));
            assertThat(r.textToImage()[0]).isEqualTo(json.path("t2i_r1").asDouble(), within(1e-4));
        }
    }

    @Test
    void evalRefusesTwoSourcesAtOnce() throws Exception {
        int exit = ClipstreamCli.commandLine().execute("eval", "--dataset", "x", "--karpathy", "y", "--images", "z");
        assertThat(exit).isNotZero();
    }

    static String runEval(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = ClipstreamCli.commandLine().execute(args);
            assertThat(exit).as(buffer.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static float[][] unit(Random random, int n, int d) {
        float[][] out = new float[n][d];
        for (float[] v : out) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                v[k] = (float) random.nextGaussian();
                norm += v[k] * v[k];
            }
            for (int k = 0; k < d; k++) {
                v[k] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }
}
