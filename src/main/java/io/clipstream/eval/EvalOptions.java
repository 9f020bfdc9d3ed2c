package io.clipstream.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of {@link Evaluator} and the {@code eval} command (mixed in, so the flags are these names). */
public final class EvalOptions {

    @Option(names = "--model", description = "Model folder to evaluate; default: the bundled model.")
    public Path model;

    @Option(names = "--dataset", required = true, description = "Dataset folder (captions.jsonl + images); each image's label is its caption.")
    public Path dataset;

    @Option(names = "--labels", split = ",", description = "Zero-shot label list (comma separated, or @file with one label per line); default: every label of the dataset.")
    public List<String> labels = new ArrayList<>();

    @Option(names = "--template", description = "Prompt template for zero-shot labels, '{}' marks the label (repeatable; embeddings are averaged; default: '{}').")
    public List<String> templates = new ArrayList<>();

    @Option(names = "--calibrate", description = "Write the threshold that maximises F1 as match_threshold into the model's clipstream.json.")
    public boolean calibrate;

    @Option(names = "--negatives", description = "Mismatched captions drawn per image for calibration (default: ${DEFAULT-VALUE}).")
    public int negativesPerImage = 1;

    @Option(names = "--seed", description = "Seed of the mismatched-pair draw (default: ${DEFAULT-VALUE}).")
    public long seed = 7;

    @Option(names = "--batch-size", description = "Images or texts per model call (default: ${DEFAULT-VALUE}).")
    public int batchSize = 256;

    @Option(names = "--report", description = "Write a self-contained HTML report (tables and inline SVG plots) to this file.")
    public Path report;

    /** The templates to use: the given ones, or the bare label. */
    public List<String> effectiveTemplates() {
        return templates.isEmpty() ? List.of("{}") : templates;
    }
}
