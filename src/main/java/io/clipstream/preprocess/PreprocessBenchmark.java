package io.clipstream.preprocess;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clipstream bench preprocess}: time per image of JPEG decoding and of the CLIP
 * preprocessing (RGB conversion, PIL-exact resize, crop, normalise) on synthetic photos of several
 * sizes, single-threaded. Prints figures; asserts nothing.
 */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = "Time JPEG decoding and CLIP preprocessing per image, single-threaded.")
public final class PreprocessBenchmark implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "640x480,1024x768,1920x1080,4000x3000",
            description = "Image sizes WIDTHxHEIGHT, comma separated (default: ${DEFAULT-VALUE}).")
    String[] sizes;

    @Option(names = "--iterations", defaultValue = "40", description = "Timed runs per size (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "15", description = "Untimed runs per size first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--config", description = "A preprocessor_config.json; default: CLIP's (224, bicubic).")
    Path config;

    @Override
    public Integer call() throws IOException {
        PreprocessorConfig cfg = config == null ? PreprocessorConfig.defaults() : PreprocessorConfig.load(config);
        ClipImageProcessor processor = ClipImageProcessor.of(cfg);
        ImageDecoder decoder = ImageDecoder.create();
        System.out.printf("preprocess: shortest edge %d, crop %d, %s; %d warm-up + %d timed runs; java %s%n",
                cfg.shortestEdge(), processor.cropSize(), cfg.resample(), warmup, iterations,
                System.getProperty("java.version"));
        // thread CPU time next to wall time: on a busy machine the wall clock also counts waiting for a core
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf("%-11s %10s %10s %15s %15s%n", "size", "decode ms", "(cpu ms)", "preprocess ms", "(cpu ms)");
        for (String size : sizes) {
            String[] wh = size.toLowerCase().split("x");
            BufferedImage photo = syntheticPhoto(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()));
            byte[] jpeg = jpeg(photo);
            double[] decodeMs = new double[iterations];
            double[] preprocessMs = new double[iterations];
            double[] decodeCpu = new double[iterations];
            double[] preprocessCpu = new double[iterations];
            float sink = 0;
            for (int i = -warmup; i < iterations; i++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                BufferedImage decoded = decoder.decode(jpeg);
                long t1 = System.nanoTime();
                long c1 = cpu.getCurrentThreadCpuTime();
                float[] pixels = processor.preprocess(decoded);
                long t2 = System.nanoTime();
                long c2 = cpu.getCurrentThreadCpuTime();
                sink += pixels[i & 1023];
                if (i >= 0) {
                    decodeMs[i] = (t1 - t0) / 1e6;
                    preprocessMs[i] = (t2 - t1) / 1e6;
                    decodeCpu[i] = (c1 - c0) / 1e6;
                    preprocessCpu[i] = (c2 - c1) / 1e6;
                }
            }
            System.out.printf("%-11s %10.2f %10.2f %15.2f %15.2f%s%n", size, median(decodeMs), median(decodeCpu),
                    median(preprocessMs), median(preprocessCpu), sink == 12345f ? " " : "");
        }
        System.out.println("(medians; decode = JPEG bytes to TYPE_INT_RGB, preprocess = that image to the float tensor)");
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Smooth gradients plus noise, so the JPEG has the size of a real photo. */
    private static BufferedImage syntheticPhoto(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(w * 31L + h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / w + random.nextInt(24)) & 0xFF;
                int g = (y * 255 / h + random.nextInt(24)) & 0xFF;
                int b = ((x + y) * 127 / (w + h) + random.nextInt(24)) & 0xFF;
                row[x] = r << 16 | g << 8 | b;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the benchmark without the launcher. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new PreprocessBenchmark()).execute(args));
    }
}
