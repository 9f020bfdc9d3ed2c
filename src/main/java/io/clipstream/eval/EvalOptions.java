package io.clipstream.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options of {@link Evaluator}; the {@code eval} command's flags ({@code cli.EvalFlags}) fill them in, each field names its flag. */
public final class EvalOptions {

    /** Model folder to evaluate; default: the bundled model. (CLI: --model) */
    public Path model;

    /** Dataset folder (captions.jsonl  images); each image's label is its caption. (CLI: --dataset) */
    public Path dataset;

    /** Standard benchmark: an MSCOCO captions file (e.g. captions_val2017.json), images in --images. (CLI: --coco-captions) */
    public Path cocoCaptions;

    /** Standard benchmark: a Karpathy split file (dataset_coco.json, dataset_flickr30k.json), images in --images. (CLI: --karpathy) */
    public Path karpathy;

    /** Image folder of --coco-captions or --karpathy (for COCO the folder holding val2014/ or the files themselves). (CLI: --images) */
    public Path images;

    /** Split of the Karpathy file to evaluate. (CLI: --split) */
    public String split = "test";

    /** Captions kept per benchmark image, in file order. (CLI: --captions-per-image) */
    public int captionsPerImage = 5;

    /** End the output with one JSON line of the figures (i2t_r1 ... t2i_r10 as fractions). (CLI: --json) */
    public boolean json;

    /** Zero-shot label list (comma separated, or {@literal @}file with one label per line); default: every label of the dataset. (CLI: --labels) */
    public List<String> labels = new ArrayList<>();

    /** Prompt template for zero-shot labels, '{}' marks the label (repeatable; embeddings are averaged; default: '{}'). (CLI: --template) */
    public List<String> templates = new ArrayList<>();

    /** Zero-shot with everyday prompts instead: each image named by one of the prompt words, scored against all the words' prompts. (CLI: --prompts) */
    public boolean prompts;

    /** Words of --prompts (default: cat, dog, car, bird, fish, tree, flower, house, apple, bicycle and 30 more). (CLI: --prompt-words) */
    public List<String> promptWords = new ArrayList<>(PromptProbe.DEFAULT_WORDS);

    /** Template of --prompts: '{a}' is the word's article, '{}' the word. (CLI: --prompt-template) */
    public String promptTemplate = "{a} {}";

    /** Write the threshold that maximises F1 as match_threshold into the model's clipstream.json. (CLI: --calibrate) */
    public boolean calibrate;

    /** Mismatched captions drawn per image for calibration. (CLI: --negatives) */
    public int negativesPerImage = 1;

    /** Seed of the mismatched-pair draw. (CLI: --seed) */
    public long seed = 7;

    /** Images or texts per model call. (CLI: --batch-size) */
    public int batchSize = 256;

    /** Write a self-contained HTML report (tables and inline SVG plots) to this file. (CLI: --report) */
    public Path report;

    /** The templates to use: the given ones, or the bare label. */
    public List<String> effectiveTemplates() {
        return templates.isEmpty() ? List.of("{}") : templates;
    }
}
