package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.eval.EvalOptions;
import io.clipstream.eval.EvalResult;
import io.clipstream.eval.Evaluator;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipNetwork;
import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on a tiny synthetic set (16 coloured shapes): it learns, a checkpoint resumes the
 * same run, a seed repeats a run, and the written folder loads in the runtime model unchanged.
 */
class ContrastiveTrainerTest {

    @TempDir static Path dir;
    static Path data;
    static int classes;

    @BeforeAll
    static void dataset() throws IOException {
        data = dir.resolve("shapes");
        classes = SyntheticShapes.write(data);
    }

    private static TrainOptions tiny(Path out, int steps) {
        TrainOptions o = new TrainOptions();
        o.datasets = List.of(data);
        o.out = out;
        o.imageSize = 16;
        o.patchSize = 4;
        o.visionWidth = 32;
        o.visionLayers = 1;
        o.visionHeads = 2;
        o.textWidth = 32;
        o.textLayers = 1;
        o.textHeads = 2;
        o.projectionDim = 32;
        o.contextLength = 8;
        o.batchSize = 16;
        o.steps = steps;
        o.warmupSteps = 5;
        o.learningRate = 3e-3;
        o.weightDecay = 0.01;
        o.checkpointEvery = 0;
        o.progress = false;
        o.seed = 11;
        return o;
    }

    private static TrainResult train(TrainOptions o) throws IOException {
        return new ContrastiveTrainer(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).train();
    }

    @Test
    void warnsOfSleepingEngineThreadsOnlyWhenTrainingUsesSeveral() {
        assertThat(ContrastiveTrainer.waitPolicyWarning("PASSIVE", 2)).get().asString()
                .contains("OMP_WAIT_POLICY=PASSIVE").contains("OMP_WAIT_POLICY=ACTIVE").contains("--threads 1");
        assertThat(ContrastiveTrainer.waitPolicyWarning(" passive ", 4)).isPresent();
        assertThat(ContrastiveTrainer.waitPolicyWarning("PASSIVE", 1)).isEmpty();
        assertThat(ContrastiveTrainer.waitPolicyWarning("ACTIVE", 2)).isEmpty();
        assertThat(ContrastiveTrainer.waitPolicyWarning(null, 2)).isEmpty();
    }

    @Test
    void lossFallsAndRecallRisesFarAboveChanceAndTheSavedFolderLoadsInTheRuntimeModel() throws IOException {
        TrainOptions o = tiny(dir.resolve("learns"), 150);
        o.evalDataset = data;
        TrainResult result = train(o);

        List<Double> losses = result.losses();
        assertThat(losses).hasSize(150);
        double first = losses.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(140, 150).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(first).isCloseTo(Math.log(16), within(0.3));
        assertThat(last).isLessThan(0.5 * first);
        // 150 steps, 1 checkpoint evaluation: no native array outlives its step
        assertThat(result.managedArrayGrowth()).isZero();

        // the runtime path (ClipModel + its tokenizer + preprocessor) reproduces the trainer's own figures
        EvalOptions eo = new EvalOptions();
        eo.model = result.modelDir();
        eo.dataset = data;
        EvalResult eval;
        try (ClipModel model = ClipModel.load(result.modelDir())) {
            eval = new Evaluator(eo, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .evaluate(model, CaptionDataset.load(data));
        }
        double chance = 1.0 / classes;
        assertThat(eval.imageToText().get(1)).isGreaterThan(6 * chance);
        assertThat(eval.textToImage().get(1)).isGreaterThan(6 * chance);
        assertThat(eval.imageToText().get(1)).isCloseTo(result.heldOutRecall()[0], within(1e-9));
        assertThat(eval.textToImage().get(1)).isCloseTo(result.heldOutRecall()[1], within(1e-9));
        assertThat(Files.readString(result.modelDir().resolve("config.json"))).contains("\"eos_token_id\" : 3");
    }

    @Test
    void resumingFromACheckpointContinuesTheSameRunAndASeedRepeatsIt() throws IOException {
        TrainOptions a = tiny(dir.resolve("a"), 12);
        a.checkpointEvery = 6;
        TrainResult full = train(a);

        TrainOptions again = tiny(dir.resolve("again"), 12);
        TrainResult repeat = train(again);
        assertThat(repeat.losses()).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(repeat.losses().get(i)).as("step %d", i).isCloseTo(full.losses().get(i), within(1e-4));
        }

        // a run interrupted after step 6: only the step-6 checkpoint survives in its folder
        Path b = dir.resolve("b");
        Files.createDirectories(b.resolve("checkpoints"));
        copyTree(dir.resolve("a/checkpoints/step-6"), b.resolve("checkpoints/step-6"));
        TrainOptions resumed = tiny(b, 12);
        resumed.resume = true;
        TrainResult rest = train(resumed);

        assertThat(rest.firstStep()).isEqualTo(6);
        assertThat(rest.losses()).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(rest.losses().get(i)).as("step %d", i).isCloseTo(full.losses().get(i), within(1e-4));
        }
        try (ClipNetwork x = ClipNetwork.load(dir.resolve("a"), Device.cpu()); ClipNetwork y = ClipNetwork.load(b, Device.cpu())) {
            for (String name : x.parameters().keySet()) {
                float[] u = x.parameters().get(name).toFloatArray();
                float[] v = y.parameters().get(name).toFloatArray();
                assertThat(v).as(name).containsExactly(u, within(1e-4f));
            }
        }
    }

    @Test
    void aWeightAverageIsWrittenAsTheModelAndAResumedRunContinuesIt() throws IOException {
        TrainOptions a = tiny(dir.resolve("average-a"), 12);
        a.checkpointEvery = 6;
        a.emaDecay = 0.8;
        a.evalDataset = data;
        TrainResult full = train(a);
        // two checkpoints, each evaluated with the trained weights and with the average: nothing leaks
        assertThat(full.managedArrayGrowth()).isZero();
        assertThat(full.modelDir().resolve("checkpoints/step-6/" + Checkpoints.AVERAGE)).isRegularFile();
        assertThat(Files.readString(full.modelDir().resolve("clipstream.json"))).contains("\"ema_decay\" : 0.8");

        Path b = dir.resolve("average-b");
        Files.createDirectories(b.resolve("checkpoints"));
        copyTree(dir.resolve("average-a/checkpoints/step-6"), b.resolve("checkpoints/step-6"));
        TrainOptions resumed = tiny(b, 12);
        resumed.resume = true;
        resumed.emaDecay = 0.8;
        train(resumed);

        // the model is the average: not the trained weights of the last step (its checkpoint), and
        // the same whether the run went through or resumed from step 6 with its average
        try (ClipNetwork model = ClipNetwork.load(dir.resolve("average-a"), Device.cpu());
                ClipNetwork trained = ClipNetwork.load(dir.resolve("average-a/checkpoints/step-12"), Device.cpu());
                ClipNetwork again = ClipNetwork.load(b, Device.cpu())) {
            String name = "vision_model.embeddings.patch_embedding.weight";
            float[] averaged = model.parameters().get(name).toFloatArray();
            assertThat(averaged).isNotEqualTo(trained.parameters().get(name).toFloatArray());
            for (String n : model.parameters().keySet()) {
                assertThat(again.parameters().get(n).toFloatArray()).as(n)
                        .containsExactly(model.parameters().get(n).toFloatArray(), within(1e-4f));
            }
        }
    }

    @Test
    void aFrozenTowerKeepsItsWeightsWhileTheOtherOneLearns() throws IOException {
        TrainOptions o = tiny(dir.resolve("frozen"), 5);
        o.freezeVision = true;
        train(o);
        TrainOptions init = tiny(dir.resolve("untrained"), 1);
        init.learningRate = 0;
        init.warmupSteps = 1;
        train(init);
        try (ClipNetwork trained = ClipNetwork.load(dir.resolve("frozen"), Device.cpu());
                ClipNetwork fresh = ClipNetwork.load(dir.resolve("untrained"), Device.cpu())) {
            for (String name : trained.parameters().keySet()) {
                float[] u = trained.parameters().get(name).toFloatArray();
                float[] v = fresh.parameters().get(name).toFloatArray();
                if (name.startsWith("vision_model.") || name.startsWith("visual_projection.")) {
                    assertThat(u).as(name).containsExactly(v);
                }
            }
            assertThat(trained.parameters().get("text_projection.weight").toFloatArray())
                    .isNotEqualTo(fresh.parameters().get("text_projection.weight").toFloatArray());
        }
    }

    @Test
    void aRunWhoseLossStaysNonFiniteStopsWithAClearErrorInsteadOfTrainingNaNs() {
        TrainOptions o = tiny(dir.resolve("diverges"), 200);
        // the first updates blow the weights up; from then on every loss is infinite or NaN
        o.learningRate = 1e30;
        o.warmupSteps = 1;
        o.gradClip = 0;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> train(o))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not finite for " + ContrastiveTrainer.MAX_SKIPPED_IN_A_ROW + " steps in a row")
                .hasMessageContaining("lower --lr");
    }

    @Test
    void mixedPrecisionIsRefusedWithoutAGpu() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getInstance().getGpuCount() == 0,
                "this machine has a GPU: mixed precision runs there");
        TrainOptions o = tiny(dir.resolve("mixed"), 2);
        o.mixedPrecision = true;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> train(o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mixed-precision needs a GPU");
        assertThat(dir.resolve("mixed")).doesNotExist();

        picocli.CommandLine cli = io.clipstream.cli.ClipstreamCli.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute("train", "--dataset", data.toString(), "--out", dir.resolve("mixed-cli").toString(), "--steps", "1",
                "--mixed-precision");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("train: --mixed-precision needs a GPU").doesNotContain("\tat ");
    }

    @Test
    void eachTowersGradientNormAndTheTextShareGoIntoTheLogAndTheCurves() throws IOException {
        TrainOptions o = tiny(dir.resolve("modality"), 12);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainResult result = new ContrastiveTrainer(o, new PrintStream(log, true, StandardCharsets.UTF_8)).train();
        assertThat(log.toString(StandardCharsets.UTF_8)).containsPattern("gradient norm image \\d+\\.\\d+ text \\d+\\.\\d+, text share 0\\.\\d+");
        var curves = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("modality/clipstream.json").toFile())
                .path("training").path("curves");
        assertThat(curves.path("step")).hasSize(12);
        assertThat(curves.path("loss").get(11).asDouble()).isCloseTo(result.losses().get(11), within(1e-4));
        for (int i = 0; i < 12; i++) {
            double image = curves.path("image_grad_norm").get(i).asDouble();
            double text = curves.path("text_grad_norm").get(i).asDouble();
            assertThat(image).isPositive();
            assertThat(text).isPositive();
            assertThat(curves.path("text_share").get(i).asDouble()).isCloseTo(text / (text + image), within(1e-4));
        }

        TrainOptions frozen = tiny(dir.resolve("modality-frozen"), 3);
        frozen.freezeText = true;
        train(frozen);
        var share = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("modality-frozen/clipstream.json").toFile())
                .path("training").path("curves").path("text_share");
        assertThat(share.get(2).asDouble()).as("a frozen text tower has no share").isEqualTo(0.0);
    }

    @Test
    void synonymAugmentationAddsTheSynonymsToAScratchVocabularyAndTrains() throws IOException {
        TrainOptions o = tiny(dir.resolve("synonyms"), 20);
        o.synonymProbability = 0.5;
        TrainResult result = train(o);
        String vocabulary = Files.readString(dir.resolve("synonyms/tokenizer.json"));
        assertThat(vocabulary).contains("\"trigon\"", "\"crimson\"", "\"square\"");
        assertThat(result.losses()).hasSize(20).allMatch(Double::isFinite);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
