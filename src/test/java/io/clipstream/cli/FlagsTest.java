package io.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.eval.EvalOptions;
import io.clipstream.preprocess.PreprocessBenchmarkOptions;
import io.clipstream.train.TrainOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's flags fill in the library's options, with the library's defaults. */
class FlagsTest {

    @Test
    void trainFlagsBecomeTrainOptions() {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs("--dataset", "a", "--dataset", "b", "--out", "o", "--steps", "7",
                "--model-id", "m", "--no-augment");
        TrainOptions o = command.flags.toOptions();
        assertThat(o.datasets).containsExactly(Path.of("a"), Path.of("b"));
        assertThat(o.out).isEqualTo(Path.of("o"));
        assertThat(o.steps).isEqualTo(7);
        assertThat(o.modelId).isEqualTo("m");
        assertThat(o.augment).isFalse();
        TrainOptions defaults = new TrainOptions();
        assertThat(o.batchSize).isEqualTo(defaults.batchSize);
        assertThat(o.learningRate).isEqualTo(defaults.learningRate);
        assertThat(o.progress).isEqualTo(defaults.progress).isTrue();
    }

    @Test
    void evalFlagsBecomeEvalOptions() {
        EvalCommand command = new EvalCommand();
        new CommandLine(command).parseArgs("--dataset", "d", "--template", "a photo of {}", "--labels", "cat,dog",
                "--seed", "3");
        EvalOptions o = command.flags.toOptions();
        assertThat(o.dataset).isEqualTo(Path.of("d"));
        assertThat(o.templates).containsExactly("a photo of {}");
        assertThat(o.labels).containsExactly("cat", "dog");
        assertThat(o.seed).isEqualTo(3L);
        EvalOptions defaults = new EvalOptions();
        assertThat(o.batchSize).isEqualTo(defaults.batchSize);
        assertThat(o.split).isEqualTo(defaults.split);
        assertThat(o.captionsPerImage).isEqualTo(defaults.captionsPerImage);
    }

    @Test
    void benchPreprocessFlagsBecomeBenchmarkOptions() {
        BenchPreprocessCommand command = new BenchPreprocessCommand();
        new CommandLine(command).parseArgs("--count", "5", "--threads", "1,4", "--mode", "fast", "--model", "m",
                "--jpeg-decoder", "imageio");
        PreprocessBenchmarkOptions o = command.toOptions();
        assertThat(o.jpegDecoder).isEqualTo("imageio");
        assertThat(o.count).isEqualTo(5);
        assertThat(o.threads).containsExactly(1, 4);
        assertThat(o.mode).isEqualTo("fast");
        assertThat(o.model).isEqualTo(Path.of("m"));
        assertThat(o.images).isNull();
        BenchPreprocessCommand plain = new BenchPreprocessCommand();
        new CommandLine(plain).parseArgs();
        PreprocessBenchmarkOptions parsed = plain.toOptions();
        PreprocessBenchmarkOptions defaults = new PreprocessBenchmarkOptions();
        assertThat(parsed.count).isEqualTo(defaults.count);
        assertThat(parsed.seconds).isEqualTo(defaults.seconds);
        assertThat(parsed.threads).containsExactly(defaults.threads);
        assertThat(parsed.mode).isEqualTo(defaults.mode);
        assertThat(parsed.jpegDecoder).isEqualTo(defaults.jpegDecoder);
    }
}
