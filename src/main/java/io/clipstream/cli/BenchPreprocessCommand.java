package io.clipstream.cli;

import io.clipstream.preprocess.PreprocessBenchmark;
import io.clipstream.preprocess.PreprocessBenchmarkOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clipstream bench preprocess}: the flags of {@link PreprocessBenchmark}, which become its
 * {@link PreprocessBenchmarkOptions}.
 */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = "Images/s of decode + CLIP preprocessing on photos, per thread and across threads.")
final class BenchPreprocessCommand implements Callable<Integer> {

    @Option(names = "--images", description = "Folder of photos (JPEG, PNG, ...); default: COCO-sized synthetic JPEGs.")
    Path images;

    @Option(names = "--count", defaultValue = "200", description = "Synthetic photos when --images is not given (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--save-photos", description = "Also write the synthetic photos to this folder (for other tools to read the same files).")
    Path savePhotos;

    @Option(names = "--seconds", defaultValue = "8", description = "Measured seconds per figure, after a warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
    int[] threads;

    @Option(names = "--config", description = "A preprocessor_config.json; default: the --model's, else CLIP's (224, bicubic).")
    Path config;

    @Option(names = "--mode", defaultValue = "exact", description = "exact (bit-exact with Pillow) or fast (reduced decoding) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--jpeg-decoder", defaultValue = "auto", description = "How JPEGs are decoded: auto, turbojpeg"
            + " (libjpeg-turbo; DCT scaling with --mode fast) or imageio (the JDK's; source subsampling with --mode fast)"
            + " (default: ${DEFAULT-VALUE}).")
    String jpegDecoder;

    @Option(names = "--model", paramLabel = "DIR", description = "With --mode fast: the model whose embeddings of fast and exact pixels are compared (drift).")
    Path model;

    /** The options these flags give. */
    PreprocessBenchmarkOptions toOptions() {
        PreprocessBenchmarkOptions o = new PreprocessBenchmarkOptions();
        o.images = images;
        o.count = count;
        o.savePhotos = savePhotos;
        o.seconds = seconds;
        o.threads = threads.clone();
        o.config = config;
        o.mode = mode;
        o.jpegDecoder = jpegDecoder;
        o.model = model;
        return o;
    }

    @Override
    public Integer call() throws IOException {
        return new PreprocessBenchmark(toOptions()).call();
    }

    /** Runs the benchmark without the launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchPreprocessCommand()).execute(args));
    }
}
