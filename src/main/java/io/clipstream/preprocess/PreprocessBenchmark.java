package io.clipstream.preprocess;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code clipstream bench preprocess}: images per second of decoding plus CLIP preprocessing on a
 * set of photos (a folder, or COCO-sized synthetic ones), on one thread and on several, and the
 * time of the decode and of the preprocessing apart. Prints figures; asserts nothing.
 */
public final class PreprocessBenchmark implements Callable<Integer> {
    private final Path images;
    private final int count;
    private final Path savePhotos;
    private final double seconds;
    private final int[] threads;
    private final Path config;
    private final String mode;
    private final String jpegDecoder;
    private final Path model;

    /** A benchmark of the photos, threads and mode that {@code options} give. */
    public PreprocessBenchmark(PreprocessBenchmarkOptions options) {
        this.images = options.images;
        this.count = options.count;
        this.savePhotos = options.savePhotos;
        this.seconds = options.seconds;
        this.threads = options.threads.clone();
        this.config = options.config;
        this.mode = options.mode;
        this.jpegDecoder = options.jpegDecoder;
        this.model = options.model;
    }

    @Override
    public Integer call() throws IOException {
        PreprocessMode m = PreprocessMode.parse(mode);
        PreprocessorConfig cfg = config != null ? PreprocessorConfig.load(config)
                : model != null ? PreprocessorConfig.load(model.resolve(PreprocessorConfig.FILE_NAME)) : PreprocessorConfig.defaults();
        ClipImageProcessor processor = ClipImageProcessor.of(cfg);
        List<byte[]> photos = images == null ? SyntheticPhotos.jpegs(count, 42) : read(images);
        if (savePhotos != null) {
            save(photos, savePhotos);
        }
        long bytes = photos.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "preprocess %s: %d photos from %s (%.1f KB mean), shortest edge %d, crop %d, %s; java %s, %d cores%s%n",
                m.name().toLowerCase(Locale.ROOT), photos.size(), images == null ? "the synthetic set" : images,
                bytes / 1024.0 / photos.size(), cfg.shortestEdge(), processor.cropSize(), cfg.resample(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), load());
        ImageDecoder decoder = ImageDecoder.create(ImageLimits.defaults(), JpegDecoder.parse(jpegDecoder));
        System.out.println("jpeg decoder: " + decoder.jpegDecoder());
        double[] split = split(photos, decoder, processor, m);
        System.out.printf(Locale.ROOT, "one thread, medians per image: decode %.3f ms (cpu %.3f), preprocess %.3f ms (cpu %.3f)%s%n",
                split[0], split[1], split[2], split[3], load());
        double single = 0;
        for (int t : threads) {
            double[] cpuRate = new double[1];
            double rate = throughput(photos, decoder, processor, m, t, seconds, cpuRate);
            if (t == 1) {
                single = rate;
            }
            System.out.printf(Locale.ROOT, "decode + preprocess, %d thread%s: %.1f images/s (%.1f per CPU second)%s%s%n", t,
                    t == 1 ? "" : "s", rate, cpuRate[0],
                    t > 1 && single > 0 ? String.format(Locale.ROOT, " (%.2fx one thread)", rate / single) : "", load());
        }
        if (m == PreprocessMode.FAST) {
            PreprocessDrift.print(photos, decoder, processor, model);
        }
        return 0;
    }

    /** Median wall and CPU milliseconds of decoding and of preprocessing, one thread, after a warm-up. */
    static double[] split(List<byte[]> photos, ImageDecoder decoder, ClipImageProcessor processor, PreprocessMode mode) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int runs = Math.max(2 * photos.size(), 400);
        double[][] ms = new double[4][runs];
        float sink = 0;
        for (int i = -runs / 2; i < runs; i++) {
            byte[] photo = photos.get(Math.floorMod(i, photos.size()));
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            BufferedImage decoded = mode.decode(decoder, processor, photo);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            float[] pixels = processor.preprocess(decoded);
            long t2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            sink += pixels[pixels.length / 2];
            if (i >= 0) {
                ms[0][i] = (t1 - t0) / 1e6;
                ms[1][i] = (c1 - c0) / 1e6;
                ms[2][i] = (t2 - t1) / 1e6;
                ms[3][i] = (c2 - c1) / 1e6;
            }
        }
        if (sink == 12345f) {
            System.out.print("");
        }
        return new double[] {median(ms[0]), median(ms[1]), median(ms[2]), median(ms[3])};
    }

    /**
     * Images per second of decode plus preprocessing on {@code threads} threads, each working through
     * the photos from its own offset, for {@code seconds} after a warm-up of a third of that.
     */
    public static double throughput(List<byte[]> photos, ImageDecoder decoder, ClipImageProcessor processor,
            PreprocessMode mode, int threads, double seconds) {
        return throughput(photos, decoder, processor, mode, threads, seconds, new double[1]);
    }

    /**
     * Like {@link #throughput(List, ImageDecoder, ClipImageProcessor, PreprocessMode, int, double)};
     * also stores in {@code perCpuSecond[0]} the images per second of CPU time the threads used,
     * which a busy machine disturbs less than the wall clock.
     */
    public static double throughput(List<byte[]> photos, ImageDecoder decoder, ClipImageProcessor processor,
            PreprocessMode mode, int threads, double seconds, double[] perCpuSecond) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long warmUpNanos = (long) (seconds / 3 * 1e9);
        long start = System.nanoTime();
        long measureFrom = start + warmUpNanos;
        long end = measureFrom + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * photos.size() / threads;
            Thread worker = new Thread(() -> {
                long mine = 0;
                long cpuFrom = -1;
                for (int i = offset; ; i++) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    if (now >= measureFrom && cpuFrom < 0) {
                        cpuFrom = cpu.getCurrentThreadCpuTime();
                    }
                    processor.preprocess(mode.decode(decoder, processor, photos.get(i % photos.size())));
                    if (now >= measureFrom) {
                        mine++;
                    }
                }
                done.addAndGet(mine);
                cpuNanos.addAndGet(cpuFrom < 0 ? 0 : cpu.getCurrentThreadCpuTime() - cpuFrom);
            }, "preprocess-bench-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        perCpuSecond[0] = done.get() / Math.max(1e-9, cpuNanos.get() / 1e9);
        return done.get() / seconds;
    }

    /** Every regular file of {@code dir}, in name order. */
    public static List<byte[]> read(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no files in " + dir);
        }
        return out;
    }

    private static void save(List<byte[]> photos, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < photos.size(); i++) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "photo-%04d.jpg", i)), photos.get(i));
        }
        System.out.printf("wrote %d photos to %s%n", photos.size(), dir);
    }

    /** The machine's one-minute load average, so that figures from a shared machine can be judged. */
    public static String load() {
        try {
            return " [load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + "]";
        } catch (IOException e) {
            return "";
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
