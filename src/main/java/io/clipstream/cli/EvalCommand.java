package io.clipstream.cli;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.eval.EvalOptions;
import io.clipstream.eval.EvalResult;
import io.clipstream.eval.Evaluator;
import io.clipstream.eval.HtmlReport;
import io.clipstream.eval.ModelMetadata;
import io.clipstream.model.ClipModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code clipstream eval}: retrieval recall, zero-shot accuracy and threshold calibration of a model on a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on a captioned dataset: Recall@1/5/10 both ways, zero-shot accuracy,",
            "and the MATCH threshold that maximises F1 (written to the model's clipstream.json with --calibrate)."})
public final class EvalCommand implements Callable<Integer> {

    @Mixin EvalOptions options = new EvalOptions();

    @Override
    public Integer call() throws Exception {
        options.labels = expandLabels(options.labels);
        if (options.model == null) {
            options.model = io.clipstream.model.ClipModelOptions.defaultModelDir();
        }
        CaptionDataset data = CaptionDataset.load(options.dataset);
        System.err.println("dataset " + options.dataset + ": " + data.report());
        data.report().examples().forEach(e -> System.err.println("  skipped " + e));
        EvalResult result;
        try (ClipModel model = ClipModel.load(options.model)) {
            result = new Evaluator(options, System.err).evaluate(model, data);
        }
        System.out.print(result.table());
        if (options.report != null) {
            HtmlReport.write(result, options.report);
            System.out.println("report written to " + options.report);
        }
        if (options.calibrate) {
            ModelMetadata.writeThreshold(options.model, result);
            System.out.printf("match_threshold %.4f written to %s%n", result.calibration().best().threshold(),
                    options.model.resolve(ModelMetadata.FILE));
        }
        return 0;
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
