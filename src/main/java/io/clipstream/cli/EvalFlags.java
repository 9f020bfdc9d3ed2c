package io.clipstream.cli;

import io.clipstream.eval.EvalOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code clipstream eval}, which become the {@link EvalOptions} of the evaluator; their defaults are its defaults. */
final class EvalFlags {
    private static final EvalOptions DEFAULTS = new EvalOptions();

    @Option(names = "--model", description = "Model folder to evaluate; default: the bundled model.")
    Path model;

    @Option(names = "--dataset", description = "Dataset folder (captions.jsonl + images); each image's label is its caption.")
    Path dataset;

    @Option(names = "--coco-captions", description = "Standard benchmark: an MSCOCO captions file (e.g. captions_val2017.json), images in --images.")
    Path cocoCaptions;

    @Option(names = "--karpathy", description = "Standard benchmark: a Karpathy split file (dataset_coco.json, dataset_flickr30k.json), images in --images.")
    Path karpathy;

    @Option(names = "--images", description = "Image folder of --coco-captions or --karpathy (for COCO the folder holding val2014/ or the files themselves).")
    Path images;

    @Option(names = "--split", description = "Split of the Karpathy file to evaluate (default: ${DEFAULT-VALUE}).")
    String split = DEFAULTS.split;

    @Option(names = "--captions-per-image", description = "Captions kept per benchmark image, in file order (default: ${DEFAULT-VALUE}, the standard protocol).")
    int captionsPerImage = DEFAULTS.captionsPerImage;

    @Option(names = "--json", description = "End the output with one JSON line of the figures (i2t_r1 ... t2i_r10 as fractions).")
    boolean json;

    @Option(names = "--labels", split = ",", description = "Zero-shot label list (comma separated, or @file with one label per line); default: every label of the dataset.")
    List<String> labels = new ArrayList<>(DEFAULTS.labels);

    @Option(names = "--template", description = "Prompt template for zero-shot labels, '{}' marks the label (repeatable; embeddings are averaged; default: '{}').")
    List<String> templates = new ArrayList<>(DEFAULTS.templates);

    @Option(names = "--prompts", description = "Zero-shot with everyday prompts instead: each image named by one of --prompt-words, scored against all the words' prompts.")
    boolean prompts;

    @Option(names = "--prompt-words", split = ",", description = "Words of --prompts (comma separated; default: cat, dog, car, bird, fish, tree, flower, house, apple, bicycle and 30 more).")
    List<String> promptWords = new ArrayList<>(DEFAULTS.promptWords);

    @Option(names = "--prompt-template", description = "Template of --prompts: '{a}' is the word's article, '{}' the word (default: ${DEFAULT-VALUE}).")
    String promptTemplate = DEFAULTS.promptTemplate;

    @Option(names = "--calibrate", description = "Write the threshold that maximises F1 as match_threshold into the model's clipstream.json.")
    boolean calibrate;

    @Option(names = "--negatives", description = "Mismatched captions drawn per image for calibration (default: ${DEFAULT-VALUE}).")
    int negativesPerImage = DEFAULTS.negativesPerImage;

    @Option(names = "--seed", description = "Seed of the mismatched-pair draw (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed;

    @Option(names = "--batch-size", description = "Images or texts per model call (default: ${DEFAULT-VALUE}).")
    int batchSize = DEFAULTS.batchSize;

    @Option(names = "--report", description = "Write a self-contained HTML report (tables and inline SVG plots) to this file.")
    Path report;

    /** The options these flags give. */
    EvalOptions toOptions() {
        EvalOptions o = new EvalOptions();
        o.model = model;
        o.dataset = dataset;
        o.cocoCaptions = cocoCaptions;
        o.karpathy = karpathy;
        o.images = images;
        o.split = split;
        o.captionsPerImage = captionsPerImage;
        o.json = json;
        o.labels = labels;
        o.templates = templates;
        o.prompts = prompts;
        o.promptWords = promptWords;
        o.promptTemplate = promptTemplate;
        o.calibrate = calibrate;
        o.negativesPerImage = negativesPerImage;
        o.seed = seed;
        o.batchSize = batchSize;
        o.report = report;
        return o;
    }
}
