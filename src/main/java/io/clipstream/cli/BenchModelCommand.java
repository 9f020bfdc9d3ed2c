package io.clipstream.cli;

import ai.djl.pytorch.jni.JniUtils;
import io.clipstream.model.ClipModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clipstream bench model}: raw batched encode throughput of one model, images and texts,
 * per batch size. Images are fed preprocessed (random pixels), so the figure is the model alone;
 * texts include tokenisation. Each measurement is warmed up first. The header names the engine's
 * intra-op threads and {@code OMP_WAIT_POLICY}: under the launcher's PASSIVE, a small model called
 * from one thread runs faster on one intra-op thread than on two (the pipeline gives each calling
 * subtask one).
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Measure images/s and texts/s of a model at several batch sizes (warm-up first).")
final class BenchModelCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ModelSelection selection;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32,64",
            description = "Batch sizes to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--seconds", defaultValue = "3",
            description = "Time measured per batch size and modality, after warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up batches per measurement (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "0",
            description = "Intra-op threads of the engine for the measurement; 0 keeps the engine's (one per core, or OMP_NUM_THREADS)."
                    + " The pipeline gives each model-calling subtask one (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (batchSizes.stream().anyMatch(b -> b < 1) || seconds <= 0 || warmup < 0 || threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "batch sizes and --seconds must be positive, --warmup and --threads >= 0");
        }
        return CliErrors.run(spec.commandLine(), () -> {
            try (ClipModel model = selection.load()) {
                int engineThreads = JniUtils.getNumThreads();
                if (threads > 0) {
                    JniUtils.setNumThreads(threads);
                }
                try {
                    measureAll(model);
                } finally {
                    JniUtils.setNumThreads(engineThreads);
                }
            }
            return 0;
        });
    }

    private void measureAll(ClipModel model) {
        PrintWriter out = spec.commandLine().getOut();
        String policy = System.getenv("OMP_WAIT_POLICY");
        out.printf(Locale.ROOT, "model %s on %s, embedding %d, image %dx%d, %d CPU cores visible, %d intra-op threads,"
                        + " OMP_WAIT_POLICY %s%n", model.modelId(), model.device(), model.embeddingDimension(), model.imageSize(),
                model.imageSize(), Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(),
                policy == null ? "unset" : policy);
        out.printf(Locale.ROOT, "%-6s %6s %12s %14s%n", "input", "batch", "items/s", "ms/batch");
        out.flush();
        int pixelCount = 3 * model.imageSize() * model.imageSize();
        for (int batch : batchSizes) {
            List<float[]> pixels = randomPixels(batch, pixelCount);
            report(out, "images", batch, measure(() -> model.encodePixels(pixels)));
            List<String> texts = texts(batch);
            report(out, "texts", batch, measure(() -> model.encodeTexts(texts)));
        }
    }

    /** Seconds per batch: mean over at least {@code seconds} of back-to-back calls after warm-up. */
    private double measure(Runnable call) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int calls = 0;
        long now;
        do {
            call.run();
            calls++;
            now = System.nanoTime();
        } while (now < deadline);
        return (now - start) / 1e9 / calls;
    }

    private static void report(PrintWriter out, String input, int batch, double secondsPerBatch) {
        out.printf(Locale.ROOT, "%-6s %6d %12.1f %14.2f%n", input, batch, batch / secondsPerBatch, secondsPerBatch * 1e3);
        out.flush();
    }

    private static List<float[]> randomPixels(int batch, int count) {
        Random random = new Random(batch);
        List<float[]> pixels = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            float[] p = new float[count];
            for (int j = 0; j < count; j++) {
                p[j] = (float) random.nextGaussian();
            }
            pixels.add(p);
        }
        return pixels;
    }

    /** Caption-like texts of varied length, so padding behaves as in real batches. */
    private static List<String> texts(int batch) {
        String[] words = {"a", "photo", "of", "the", "red", "small", "dog", "cat", "car", "on", "grass", "near", "house"};
        Random random = new Random(batch);
        List<String> texts = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            StringBuilder text = new StringBuilder("a photo of");
            for (int w = 0, n = 2 + random.nextInt(10); w < n; w++) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
