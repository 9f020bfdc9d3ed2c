package io.clipstream.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of {@link Evaluator} and the {@code eval} command (mixed in, so the flags are these names). */
public final class EvalOptions {

    @Option(names = "--model", description = "Model folder to evaluate; default: the bundled model.")
    public Path model;

    @Option(names = "--dataset", description = "Dataset folder (captions.jsonl + images); each image's label is its caption.")
    public Path dataset;

    @Option(names = "--coco-captions", description = "Standard benchmark: an MSCOCO captions file (e.g. captions_val2017.json), images in --images.")
    public Path cocoCaptions;

    @Option(names = "--karpathy", description = "Standard benchmark: a Karpathy split file (dataset_coco.json, dataset_flickr30k.json), images in --images.")
    public Path karpathy;

    @Option(names = "--images", description = "Image folder of --coco-captions or --karpathy (for COCO the folder holding val2014/ or the files themselves).")
    public Path images;

    @Option(names = "--split", description = "Split of the Karpathy file to evaluate (default: ${DEFAULT-VALUE}).")
    public String split = "test";

    @Option(names = "--captions-per-image", description = "Captions kept per benchmark image, in file order (default: ${DEFAULT-VALUE}, the standard protocol).")
    public int captionsPerImage = 5;

    @Option(names = "--json", description = "End the output with one JSON line of the figures (i2t_r1 ... t2i_r10 as fractions).")
    public boolean json;

    @Option(names = "--labels", split = ",", description = "Zero-shot label list (comma separated, or @file with one label per line); default: every label of the dataset.")
    public List<String> labels = new ArrayList<>();

    @Option(names = "--template", description = "Prompt template for zero-shot labels, '{}' marks the label (repeatable; embeddings are averaged; default: '{}').")
    public List<String> templates = new ArrayList<>();

    @Option(names = "--prompts", description = "Zero-shot with everyday prompts instead: each image named by one of --prompt-words, scored against all the words' prompts.")
    public boolean prompts;

    @Option(names = "--prompt-words", split = ",", description = "Words of --prompts (comma separated; default: cat, dog, car, bird, fish, tree, flower, house, apple, bicycle and 30 more).")
    public List<String> promptWords = new ArrayList<>(PromptProbe.DEFAULT_WORDS);

    @Option(names = "--prompt-template", description = "Template of --prompts: '{a}' is the word's article, '{}' the word (default: ${DEFAULT-VALUE}).")
    public String promptTemplate = "{a} {}";

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
