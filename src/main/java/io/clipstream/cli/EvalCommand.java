package io.clipstream.cli;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.eval.EvalOptions;
import io.clipstream.eval.EvalResult;
import io.clipstream.eval.Evaluator;
import io.clipstream.eval.HtmlReport;
import io.clipstream.eval.ModelMetadata;
import io.clipstream.eval.PromptProbe;
import io.clipstream.eval.TrainingCurves;
import io.clipstream.embedmap.EmbeddingMap;
import io.clipstream.embedmap.EmbeddingMapWriter;
import io.clipstream.embedmap.Projection;
import io.clipstream.eval.benchmark.BenchmarkReaders;
import io.clipstream.eval.benchmark.BenchmarkResult;
import io.clipstream.eval.benchmark.BenchmarkSet;
import io.clipstream.eval.benchmark.RetrievalBenchmark;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code clipstream eval}: retrieval recall, zero-shot accuracy and threshold calibration of a model on a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on a captioned dataset: Recall@1/5/10 both ways, zero-shot accuracy,",
            "and the MATCH threshold that maximises F1 (written to the model's clipstream.json with --calibrate);",
            "or on a standard benchmark (--coco-captions or --karpathy with --images): Recall@1/5/10 both ways."})
public final class EvalCommand implements Callable<Integer> {

    @Mixin EvalFlags flags = new EvalFlags();
    private EvalOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        options = flags.toOptions();
        options.labels = expandLabels(options.labels);
        if (options.model == null) {
            options.model = io.clipstream.model.ClipModelOptions.defaultModelDir();
        }
        int sources = (options.dataset != null ? 1 : 0) + (options.cocoCaptions != null ? 1 : 0) + (options.karpathy != null ? 1 : 0);
        if (sources != 1) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --dataset, --coco-captions, --karpathy");
        }
        if (options.dataset == null) {
            return benchmark();
        }
        CaptionDataset data = CaptionDataset.load(options.dataset);
        System.err.println("dataset " + options.dataset + ": " + data.report());
        data.report().examples().forEach(e -> System.err.println("  skipped " + e));
        if (options.prompts) {
            try (ClipModel model = ClipModel.load(options.model)) {
                System.out.print(PromptProbe.run(model, data, options.promptWords, options.promptTemplate).table());
            }
            return 0;
        }
        EvalResult result;
        String map = "";
        try (ClipModel model = ClipModel.load(options.model)) {
            result = new Evaluator(options, System.err).evaluate(model, data);
            if (options.report != null) {
                map = EmbeddingMapWriter.section(EmbeddingMap.of(model, data, 1000, Projection.umap(15, options.seed), options.batchSize));
            }
        }
        System.out.print(result.table());
        if (options.report != null) {
            HtmlReport.write(result, options.report, TrainingCurves.read(options.model).orElse(null), map);
            System.out.println("report written to " + options.report);
        }
        if (options.calibrate) {
            ModelMetadata.writeThreshold(options.model, result);
            System.out.printf("match_threshold %.4f written to %s%n", result.calibration().best().threshold(),
                    options.model.resolve(ModelMetadata.FILE));
        }
        if (options.json) {
            System.out.println(result.jsonLine());
        }
        return 0;
    }

    private int benchmark() throws IOException {
        if (options.images == null) {
            throw new ParameterException(spec.commandLine(), "--images DIR is needed with --coco-captions and --karpathy");
        }
        if (options.calibrate || options.report != null) {
            throw new ParameterException(spec.commandLine(), "--calibrate and --report work with --dataset only");
        }
        BenchmarkSet set = options.karpathy != null
                ? BenchmarkReaders.karpathy(options.karpathy, options.images, options.split, options.captionsPerImage)
                : BenchmarkReaders.coco(options.cocoCaptions, options.images, options.captionsPerImage);
        BenchmarkResult result;
        try (ClipModel model = ClipModel.load(options.model)) {
            result = new RetrievalBenchmark(options.batchSize, System.err).run(model, set, modelName(options.model));
        }
        System.out.print(result.table());
        if (options.json) {
            System.out.println(result.jsonLine());
        }
        return 0;
    }

    /** The checkpoint's own name, else the folder's: {@link ModelFolder#name}. */
    static String modelName(Path modelDir) {
        return ModelFolder.name(modelDir);
    }

    private static List<String> expandLabels(List<String> given) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (String l : given) {
            if (l.startsWith("@")) {
                for (String line : Files.readAllLines(Path.of(l.substring(1)))) {
                    if (!line.isBlank()) {
                        out.add(line.strip());
                    }
                }
            } else if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }
}
