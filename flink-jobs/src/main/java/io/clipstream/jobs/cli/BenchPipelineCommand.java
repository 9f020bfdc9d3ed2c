package io.clipstream.jobs.cli;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.job.JobOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.RuntimeOptions;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.model.ClipModel;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.PreprocessorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clipstream bench pipeline}: on one model, in one run, the model's raw batched throughput,
 * the embed job's Kafka-to-Kafka throughput (their ratio is the pipeline's efficiency), the same
 * job with one model call per record, and the match job's latency at half of the measured capacity
 * with at-least-once delivery. Prints figures; asserts nothing.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Benchmarks the pipeline against the raw model on this machine and prints figures.")
final class BenchPipelineCommand implements Callable<Integer> {

    @Mixin
    PipelineConfig config;

    @Option(names = "--images", description = "Images per throughput run (default: ${DEFAULT-VALUE}).")
    int images = 600;

    @Option(names = "--latency-seconds", description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
    int latencySeconds = 20;

    @Option(names = "--skip-per-record", description = "Skip the one-call-per-record run.")
    boolean skipPerRecord;

    @Override
    public Integer call() throws Exception {
        Configuration base = config.toConfiguration();
        Path model = ModelLookup.resolve(this, base);
        base.set(EncoderOptions.MODEL_DIR, model.toString());
        List<byte[]> pngs = new ArrayList<>();
        for (DemoData.Item i : DemoData.sample(DemoData.drawn(), Math.min(images, 24), 3)) {
            pngs.add(i.image());
        }
        int batch = base.get(EncoderOptions.MAX_BATCH_SIZE);
        int parallelism = base.getOptional(CoreOptions.DEFAULT_PARALLELISM).orElse(Runtime.getRuntime().availableProcessors());
        base.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        int threads = TorchThreads.share(parallelism);
        System.out.printf("bench pipeline: model %s, %d images per run, max batch %d, %d cores, parallelism %d,"
                + " torch intra-op threads %s%n", model, images, batch, Runtime.getRuntime().availableProcessors(),
                parallelism, threads < 0 ? "as set by the user" : String.valueOf(threads));

        double raw = rawThroughput(model, pngs, batch, parallelism);
        System.out.printf("raw model (encodePixels, batches of %d, %d calling threads): %.1f images/s%s%n", batch,
                parallelism, raw, load());

        System.out.printf("image decode + preprocess alone (one thread, no model): %.1f images/s%n",
                preprocessThroughput(model, pngs));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.get(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS),
                base.get(RuntimeOptions.BIND_ADDRESS))) {
            double batching = BenchRuns.embedThroughput(kafka, base, pngs, images, "batching", JobOptions.EncoderMode.BATCHING);
            System.out.printf("end to end, embed job, batching encoder, %s: %.1f images/s%s%n",
                    base.get(SinkOptions.DELIVERY_GUARANTEE), batching, load());
            // the machine may be shared: measure the model again and compare with the better figure
            double rawAfter = rawThroughput(model, pngs, batch, parallelism);
            System.out.printf("raw model again: %.1f images/s%s%n", rawAfter, load());
            System.out.printf("efficiency (end to end / best raw model figure): %.2f%n", batching / Math.max(raw, rawAfter));
            if (!skipPerRecord) {
                double perRecord = BenchRuns.embedThroughput(kafka, base, pngs, images, "per-record",
                        JobOptions.EncoderMode.PER_RECORD);
                System.out.printf("end to end, one model call per record: %.1f images/s (batching is %.1fx)%s%n",
                        perRecord, batching / perRecord, load());
            }
            double rate = batching / 2;
            long[] latency;
            try {
                latency = BenchRuns.matchLatency(kafka, base, pngs, rate, latencySeconds);
            } catch (Exception e) {
                System.out.printf("latency run failed: %s%n", e);
                return 1;
            }
            System.out.printf("latency, match job, at-least-once, %.1f images/s (half of capacity): p50_ms=%d p99_ms=%d"
                    + " (record produced to match published); read by a consumer: p50_ms=%d p99_ms=%d; %d matches%n",
                    rate, latency[0], latency[1], latency[2], latency[3], latency[4]);
        }
        return 0;
    }

    /** The machine's load average, so that figures from a shared machine can be judged. */
    static String load() {
        try {
            return " [load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + "]";
        } catch (Exception e) {
            return "";
        }
    }

    /** Decoding and preprocessing alone, on this thread, for 5 s: the pipeline's other CPU work per image. */
    static double preprocessThroughput(Path model, List<byte[]> pngs) throws Exception {
        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.load(model.resolve(PreprocessorConfig.FILE_NAME)));
        ImageDecoder decoder = ImageDecoder.create();
        long start = System.nanoTime();
        int done = 0;
        while (System.nanoTime() - start < 5_000_000_000L) {
            processor.preprocess(decoder.decodeRgb(pngs.get(done % pngs.size())));
            done++;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    /** Full batches of preprocessed images through one shared model from {@code callers} threads, for 10 s. */
    static double rawThroughput(Path model, List<byte[]> pngs, int batch, int callers) throws Exception {
        try (ClipModel clip = ClipModel.load(model)) {
            ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.load(model.resolve(PreprocessorConfig.FILE_NAME)));
            List<float[]> pixels = new ArrayList<>();
            while (pixels.size() < batch) {
                for (byte[] png : pngs) {
                    pixels.add(processor.preprocess(ImageDecoder.create().decodeRgb(png)));
                }
            }
            List<float[]> one = List.copyOf(pixels.subList(0, batch));
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
