package io.clipstream.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.encode.SimulatedEncoder;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.runtime.RandomCheckpoint;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.model.ClipModel;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.PreprocessBenchmark;
import io.clipstream.preprocess.PreprocessMode;
import io.clipstream.preprocess.PreprocessorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clipstream bench pipeline}: on one model and workload, in one run, the model's raw batched
 * throughput, decoding plus preprocessing alone, the embed job's Kafka-to-Kafka throughput in steady
 * state (its ratio to the raw model is the pipeline's efficiency), the same job with one model call
 * per record, the same job on a simulated accelerator (the pipeline's own ceiling), and the match
 * job's own capacity and its latency at half of that (or the shares {@code --latency-loads} gives),
 * both with at-least-once delivery. The broker is the one {@code --bootstrap-servers} names, else one
 * started in this process ({@link BenchBroker}). Prints figures, and
 * with {@code --json} one JSON line of them at the end; asserts nothing.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Benchmarks the pipeline against the raw model on this machine and prints figures.")
final class BenchPipelineCommand implements Callable<Integer> {
    /** The vocabulary of a random checkpoint: its text tower only has to run, not to understand. */
    private static final List<String> SHAPE_WORDS = List.of("a", "photo", "of", "red", "green", "blue", "circle", "square");


    @Mixin
    PipelineConfig config;

    @Option(names = "--workload", defaultValue = "emoji", description = "emoji (the demo's small images) or photos"
            + " (COCO-sized JPEGs, 640x480 and 480x640, quality 90) (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--by-reference", description = "Send the images as file: references (claim check) instead of inline.")
    boolean byReference;

    @Option(names = "--model-shape", description = "vit-b-32: write a randomly initialised checkpoint of ViT-B/32's shape"
            + " to a temporary folder and use it (instead of --model or the bundled model).")
    String modelShape;

    @Option(names = "--seconds", defaultValue = "30", description = "Steady-state seconds measured per end-to-end run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warm-up-seconds", defaultValue = "5", description = "Seconds of each run left out of its figure (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--warm-up-run-seconds", defaultValue = "10", description = "Length of an unmeasured embed job run before"
            + " the measured ones, so that they run code the JIT has compiled, as a long-running job does; 0 skips it"
            + " (default: ${DEFAULT-VALUE}).")
    int warmUpRunSeconds;

    @Option(names = "--images", description = "Images per end-to-end run; default: enough for the warm-up and --seconds.")
    Integer images;

    @Option(names = "--latency-seconds", description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
    int latencySeconds = 20;

    @Option(names = "--latency-loads", split = ",", defaultValue = "0.5", description = "Offered load of each latency run,"
            + " as a share of the match job's measured capacity, comma-separated (0.25,0.5,0.75 traces how the tail grows"
            + " with load); the JSON line takes the first (default: ${DEFAULT-VALUE}).")
    List<Double> latencyLoads;

    @Option(names = "--skip-per-record", description = "Skip the one-call-per-record run.")
    boolean skipPerRecord;

    @Option(names = "--json", description = "End with one JSON line of the figures.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        for (double share : latencyLoads) {
            if (!(share > 0 && share < 1)) {
                throw new IllegalArgumentException("--latency-loads takes shares of capacity between 0 and 1, not " + share);
            }
        }
        long rssStart = BenchMemory.rssKb();
        System.out.printf("bench pipeline: RSS at start %s%n", BenchMemory.rss());
        Configuration base = config.toConfiguration();
        Path model = model(base);
        base.set(EncoderOptions.MODEL_DIR, model.toString());
        BenchWorkload work = BenchWorkload.of(workload, byReference);
        int batch = base.get(EncoderOptions.MAX_BATCH_SIZE);
        int parallelism = base.getOptional(CoreOptions.DEFAULT_PARALLELISM).orElse(Runtime.getRuntime().availableProcessors());
        base.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        int threads = TorchThreads.share(parallelism);
        PreprocessMode mode = base.get(ImageOptions.PREPROCESS_MODE);
        ModelLoader loader = base.getOptional(EncoderOptions.SIMULATE)
                .map(d -> SimulatedEncoder.loader(d.toNanos() / 1e6)).orElse(ModelLoader.clipModel());
        System.out.printf("bench pipeline: workload %s, model %s%s, max batch %d, %d cores, parallelism %d, torch intra-op"
                + " threads %s, preprocess %s, %d s measured per run after %d s of warm-up%n", work.name(), model,
                base.getOptional(EncoderOptions.SIMULATE).map(d -> " (simulated accelerator, " + d.toMillis() + " ms a batch)").orElse(""),
                batch, Runtime.getRuntime().availableProcessors(), parallelism,
                threads < 0 ? "as set by the user" : String.valueOf(threads), mode.name().toLowerCase(Locale.ROOT),
                seconds, warmUpSeconds);

        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.load(model.resolve(PreprocessorConfig.FILE_NAME)));
        double raw = base.getOptional(EncoderOptions.SIMULATE).isPresent() ? Double.NaN
                : rawThroughput(model, work.images(), processor, batch, parallelism);
        System.out.printf(Locale.ROOT, "raw model (encodePixels, batches of %d, %d calling threads): %.1f images/s%s%n", batch,
                parallelism, raw, load());
        // a first pass for the JIT (the resampler's loops are vectorised only once C2 has compiled them)
        ImageDecoder decoder = ImageDecoder.create(ImageLimits.defaults(), base.get(ImageOptions.PREPROCESS_JPEG_DECODER));
        System.out.println("bench pipeline: jpeg decoder: " + decoder.jpegDecoder());
        PreprocessBenchmark.throughput(work.images(), decoder, processor, mode, 2, 6);
        double pre1 = PreprocessBenchmark.throughput(work.images(), decoder, processor, mode, 1, 8);
        double pre2 = PreprocessBenchmark.throughput(work.images(), decoder, processor, mode, 2, 8);
        System.out.printf(Locale.ROOT, "image decode + preprocess alone (no model, no Kafka): %.1f images/s on one thread,"
                + " %.1f on two (%.2fx)%s%n", pre1, pre2, pre2 / pre1, load());

        ObjectNode figures = new ObjectMapper().createObjectNode();
        figures.put("workload", work.name());
        figures.put("model", modelShape != null ? modelShape : model.getFileName().toString());
        figures.put("threads", parallelism);
        try (BenchBroker broker = BenchBroker.open(base)) {
            System.out.println("bench pipeline: broker " + broker.describe());
            figures.put("broker", broker.inProcess() ? "in-process" : "external");
            double expected = Double.isNaN(raw) ? pre1 * parallelism : Math.min(raw, pre1 * parallelism);
            if (warmUpRunSeconds > 0) {
                // the first job of a process runs Flink's, Kafka's, Avro's and the project's code interpreted until the JIT
                // has compiled it, which takes longer than a run's warm-up seconds on two cores
                BenchRuns.Steady w = BenchRuns.embedThroughput(broker, base, work, (int) Math.max(500, expected / 2 * warmUpRunSeconds),
                        "warm-up", JobOptions.EncoderMode.BATCHING, loader, 0);
                System.out.printf(Locale.ROOT, "warm-up run (not measured): %.1f images/s over %.1f s, start-up included%s%n",
                        w.rate(), w.seconds(), load());
            }
            BenchRuns.Steady batching = BenchRuns.embedThroughput(broker, base, work, count(expected), "batching",
                    JobOptions.EncoderMode.BATCHING, loader, warmUpSeconds);
            System.out.printf(Locale.ROOT, "end to end, embed job, batching encoder, %s: %.1f images/s over %.1f s%s%n",
                    base.get(SinkOptions.DELIVERY_GUARANTEE), batching.rate(), batching.seconds(), load());
            System.out.println("  " + batching.describe());
            double best = raw;
            double modelGain = Double.NaN;
            if (!Double.isNaN(raw)) {
                // the machine may be shared: measure the model again and compare with the better figure
                double rawAfter = rawThroughput(model, work.images(), processor, batch, parallelism);
                System.out.printf(Locale.ROOT, "raw model again: %.1f images/s%s%n", rawAfter, load());
                best = Math.max(raw, rawAfter);
                System.out.printf(Locale.ROOT, "efficiency (end to end / best raw model figure): %.2f%n", batching.rate() / best);
                if (!skipPerRecord) {
                    // what batching can gain at most: the model alone, called as the per-record run calls it (a batch of one
                    // from each of the same threads, with the same intra-op threads), right after the full batches above, as
                    // the machine's speed may drift over a run
                    double single = rawThroughput(model, work.images(), processor, 1, parallelism);
                    modelGain = rawAfter / single;
                    System.out.printf(Locale.ROOT, "raw model at batch 1 (%d calling threads): %.1f images/s; batching gains the"
                            + " model alone %.1fx%s%n", parallelism, single, modelGain, load());
                }
            }
            double perRecord = Double.NaN;
            if (!skipPerRecord) {
                BenchRuns.Steady one = BenchRuns.embedThroughput(broker, base, work, count(batching.rate() / 3), "per-record",
                        JobOptions.EncoderMode.PER_RECORD, loader, warmUpSeconds);
                perRecord = one.rate();
                System.out.println("  " + one.describe());
                System.out.printf(Locale.ROOT, "end to end, one model call per record: %.1f images/s (batching is %.1fx)%s%n",
                        perRecord, batching.rate() / perRecord, load());
            }
            double ceiling = batching.rate();
            if (base.getOptional(EncoderOptions.SIMULATE).isEmpty()) {
                Configuration simulated = new Configuration(base);
                simulated.set(EncoderOptions.SIMULATE, Duration.ZERO);
                BenchRuns.Steady sim = BenchRuns.embedThroughput(broker, simulated, work, count(pre1 * parallelism), "ceiling",
                        JobOptions.EncoderMode.BATCHING, SimulatedEncoder.loader(0), warmUpSeconds);
                ceiling = sim.rate();
                System.out.println("  " + sim.describe());
                System.out.printf(Locale.ROOT, "end to end on a simulated accelerator (0 ms a batch): %.1f images/s"
                        + " (%.2fx decode + preprocess alone on %d threads)%s%n", ceiling, ceiling / Math.min(pre2, pre1 * parallelism),
                        parallelism, load());
            }
            // the latency runs offer shares of the match job's own capacity, in their own setting
            BenchRuns.Steady match = BenchRuns.matchThroughput(broker, base, work, count(batching.rate()), "match", loader,
                    warmUpSeconds);
            System.out.printf(Locale.ROOT, "end to end, match job, at-least-once (the latency runs' setting): %.1f images/s over"
                    + " %.1f s%s%n", match.rate(), match.seconds(), load());
            System.out.println("  " + match.describe());
            long[] latency = null;
            for (int i = 0; i < latencyLoads.size(); i++) {
                double share = latencyLoads.get(i);
                // topics of their own: a run on an earlier run's topics would read its images first
                String name = String.format(Locale.ROOT, "latency-%d-%.0f", i + 1, 100 * share);
                long[] l = latencyRun(broker, base, work, loader, name, match.rate() * share, share);
                if (l == null) {
                    return 1;
                }
                latency = latency == null ? l : latency;
            }
            figures.put("raw_model_images_per_s", round(best));
            figures.put("e2e_images_per_s", round(batching.rate()));
            figures.put("efficiency", round2(batching.rate() / best));
            figures.put("per_record_images_per_s", round(perRecord));
            figures.put("batching_gain", round2(batching.rate() / perRecord));
            figures.put("model_batching_gain", round2(modelGain));
            figures.put("ceiling_images_per_s", round(ceiling));
            figures.put("match_images_per_s", round(match.rate()));
            figures.put("e2e_jit_share", round2(batching.jitShare()));
            figures.put("preprocess_images_per_s_per_thread", round(pre1));
            figures.put("preprocess_scaling_2_threads", round2(pre2 / pre1));
            figures.put("p50_ms", latency[0]);
            figures.put("p99_ms", latency[1]);
            figures.put("latency_load", latencyLoads.get(0));
        }
        figures.put("load_average", PreprocessBenchmark.load().replaceAll("[^0-9.]", ""));
        figures.put("rss_start_mb", rssStart >> 10);
        figures.put("rss_end_mb", BenchMemory.rssKb() >> 10);
        System.out.printf("bench pipeline: RSS at end %s%n", BenchMemory.rss());
        if (json) {
            System.out.println(figures.toString());
        }
        return 0;
    }

    /** One latency run of the match job at {@code rate}; prints its figures, returns them, or null when it failed. */
    private long[] latencyRun(BenchBroker broker, Configuration base, BenchWorkload work, ModelLoader loader, String name,
            double rate, double share) {
        long[] latency;
        long[] gcBefore = BenchMemory.collections();
        try {
            latency = BenchRuns.matchLatency(broker, base, work, loader, name, rate, warmUpSeconds, latencySeconds);
        } catch (Exception e) {
            System.out.printf("latency run failed: %s%n", e);
            return null;
        }
        long[] gcAfter = BenchMemory.collections();
        long collections = gcAfter[0] - gcBefore[0];
        System.out.printf(Locale.ROOT, "latency, match job, at-least-once, %.1f images/s (%.0f%% of its capacity), %d s after %d s of"
                + " warm-up: p50_ms=%d p99_ms=%d (record produced to match published); read by a consumer: p50_ms=%d p99_ms=%d; %d matches%s%n",
                rate, 100 * share, latencySeconds, warmUpSeconds, latency[0], latency[1], latency[2], latency[3], latency[4], load());
        System.out.printf("latency parts, p50/p99 ms: produced to read %d/%d, read to encoded %d/%d, encoded to"
                + " emitted %d/%d; of the first, the benchmark's send to the broker's acknowledgement %d/%d%n", latency[5],
                latency[6], latency[7], latency[8], latency[9], latency[10], latency[11], latency[12]);
        System.out.printf(Locale.ROOT, "  garbage collections during the latency run (model loading and warm-up included):"
                + " %d, %.1f ms each on average, %d ms in all%n", collections,
                collections == 0 ? 0.0 : (double) (gcAfter[1] - gcBefore[1]) / collections, gcAfter[1] - gcBefore[1]);
        return latency;
    }

    /** A random ViT-B/32-shaped checkpoint for {@code --model-shape}, else the one model lookup rule. */
    private Path model(Configuration base) throws Exception {
        if (modelShape != null) {
            if (!modelShape.equalsIgnoreCase("vit-b-32")) {
                throw new IllegalArgumentException("unknown --model-shape " + modelShape + ": vit-b-32");
            }
            Path dir = Files.createTempDirectory("clipstream-bench-vit-b-32");
            // 350 MB of random weights: gone when the benchmark ends, however it ends
            Runtime.getRuntime().addShutdownHook(new Thread(() -> org.apache.flink.util.FileUtils.deleteDirectoryQuietly(dir.toFile()),
                    "delete-" + dir.getFileName()));
            System.out.printf("writing a random ViT-B/32-shaped checkpoint to %s (deleted at exit)%n", dir);
            return RandomCheckpoint.writeVitB32(dir, SHAPE_WORDS, 7);
        }
        return ModelLookup.resolve(this, base);
    }

    /** Images for one run at about {@code rate}: the warm-up plus the measured seconds, and a margin. */
    private int count(double rate) {
        if (images != null) {
            return images;
        }
        return (int) Math.max(500, Math.min(2_000_000, rate * (warmUpSeconds + seconds) * 1.2));
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }

    /**
     * The machine's load average, so that figures from a shared machine can be judged, and this
     * process's resident memory, appended to each phase's line.
     */
    static String load() {
        String load = PreprocessBenchmark.load();
        long kb = BenchMemory.rssKb();
        return kb < 0 ? load : load.replace("]", ", RSS " + (kb >> 10) + " MB]");
    }

    /** Batches of {@code batch} preprocessed images through one shared model from {@code callers} threads, for 10 s. */
    static double rawThroughput(Path model, List<byte[]> images, ClipImageProcessor processor, int batch, int callers)
            throws Exception {
        try (ClipModel clip = ClipModel.load(model)) {
            ImageDecoder decoder = ImageDecoder.create();
            List<float[]> pixels = new ArrayList<>();
            for (int i = 0; pixels.size() < batch; i++) {
                pixels.add(processor.preprocess(decoder.decodeImage(images.get(i % images.size()))));
            }
            List<float[]> one = List.copyOf(pixels);
            for (int i = 0; i < 3; i++) {
                clip.encodePixels(one);
            }
            AtomicLong done = new AtomicLong();
            long start = System.nanoTime();
            long end = start + 10_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        clip.encodePixels(one);
                        done.addAndGet(one.size());
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
