package io.clipstream.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Every tunable of {@link ContrastiveTrainer}, typed, with its default and a one-line description.
 * The {@code train} command mixes this class in, so the CLI flags are these very names.
 *
 * <p>Model shape options apply when training from scratch; with {@link #init} the checkpoint's own
 * config, tokenizer and preprocessor config are used and the shape options are ignored.
 */
public final class TrainOptions {

    // ---- data and output
    @Option(names = "--dataset", required = true, description = "Training dataset folder (repeatable); every entry is one class.")
    public List<Path> datasets = new ArrayList<>();

    @Option(names = "--eval-dataset", description = "Dataset to report Recall@1 on at every checkpoint (optional).")
    public Path evalDataset;

    @Option(names = "--out", required = true, description = "Folder that receives the trained model; checkpoints go to <out>/checkpoints.")
    public Path out;

    @Option(names = "--init", description = "Existing model folder to fine-tune; without it a model is trained from scratch.")
    public Path init;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in <out>/checkpoints (optimizer state included).")
    public boolean resume;

    @Option(names = "--model-id", description = "Model id written to clipstream.json, the name of the model's id on every output (default: the output folder's name).")
    public String modelId;

    // ---- model shape (from scratch)
    @Option(names = "--image-size", description = "Side of the input image in pixels (default: ${DEFAULT-VALUE}).")
    public int imageSize = 32;

    @Option(names = "--patch-size", description = "Side of a ViT patch (default: ${DEFAULT-VALUE}).")
    public int patchSize = 4;

    @Option(names = "--vision-width", description = "Width of the vision transformer (default: ${DEFAULT-VALUE}).")
    public int visionWidth = 192;

    @Option(names = "--vision-layers", description = "Layers of the vision transformer (default: ${DEFAULT-VALUE}).")
    public int visionLayers = 3;

    @Option(names = "--vision-heads", description = "Attention heads of the vision transformer (default: ${DEFAULT-VALUE}).")
    public int visionHeads = 4;

    @Option(names = "--text-width", description = "Width of the text transformer (default: ${DEFAULT-VALUE}).")
    public int textWidth = 128;

    @Option(names = "--text-layers", description = "Layers of the text transformer (default: ${DEFAULT-VALUE}).")
    public int textLayers = 2;

    @Option(names = "--text-heads", description = "Attention heads of the text transformer (default: ${DEFAULT-VALUE}).")
    public int textHeads = 4;

    @Option(names = "--mlp-ratio", description = "MLP width as a multiple of the transformer width (default: ${DEFAULT-VALUE}).")
    public int mlpRatio = 4;

    @Option(names = "--projection-dim", description = "Length of the shared embedding (default: ${DEFAULT-VALUE}).")
    public int projectionDim = 128;

    @Option(names = "--context-length", description = "Longest token sequence, start and end tokens included (default: ${DEFAULT-VALUE}).")
    public int contextLength = 16;

    @Option(names = "--min-word-count", description = "Words seen fewer times than this map to [UNK] (default: ${DEFAULT-VALUE}).")
    public int minWordCount = 1;

    // ---- optimisation
    @Option(names = "--steps", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    public int steps = 2000;

    @Option(names = "--batch-size", description = "Image-caption pairs per step, of distinct classes (default: ${DEFAULT-VALUE}).")
    public int batchSize = 128;

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    public double learningRate = 1e-3;

    @Option(names = "--min-lr-ratio", description = "Learning rate at the end of the cosine decay, as a fraction of the peak (default: ${DEFAULT-VALUE}).")
    public double minLearningRateRatio = 0.02;

    @Option(names = "--warmup-steps", description = "Steps of linear warm-up (default: ${DEFAULT-VALUE}).")
    public int warmupSteps = 100;

    @Option(names = "--weight-decay", description = "Decoupled weight decay of matrices; none on norms, biases, embeddings, logit scale (default: ${DEFAULT-VALUE}).")
    public double weightDecay = 0.1;

    @Option(names = "--beta1", description = "AdamW first-moment decay (default: ${DEFAULT-VALUE}).")
    public double beta1 = 0.9;

    @Option(names = "--beta2", description = "AdamW second-moment decay (default: ${DEFAULT-VALUE}).")
    public double beta2 = 0.98;

    @Option(names = "--adam-eps", description = "AdamW epsilon (default: ${DEFAULT-VALUE}).")
    public double adamEpsilon = 1e-6;

    @Option(names = "--grad-clip", description = "Clip the global gradient norm to this value; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    public double gradClip = 1.0;

    @Option(names = "--logit-scale-init", description = "Initial stored logit scale, ln(1/temperature), from scratch (default: ${DEFAULT-VALUE} = ln(1/0.07)).")
    public double logitScaleInit = 2.6592;

    @Option(names = "--freeze-vision", description = "Do not update the vision tower (nor the visual projection).")
    public boolean freezeVision;

    @Option(names = "--freeze-text", description = "Do not update the text tower (nor the text projection).")
    public boolean freezeText;

    @Option(names = "--mixed-precision", description = "float16 autocast with dynamic loss scaling; needs a GPU (refused on the CPU).")
    public boolean mixedPrecision;

    @Option(names = "--loss-scale-init", description = "First loss scale of --mixed-precision; halved on overflow (default: ${DEFAULT-VALUE}).")
    public double lossScaleInit = 65536;

    @Option(names = "--loss-scale-growth-interval", description = "Good steps in a row after which --mixed-precision doubles the loss scale (default: ${DEFAULT-VALUE}).")
    public int lossScaleGrowthInterval = 2000;

    // ---- data sampling and augmentation
    @Option(names = "--name-prob", description = "Probability that a step's caption is the entry's label rather than a random caption (default: ${DEFAULT-VALUE}).")
    public double nameProbability = 0.5;

    @Option(names = "--no-augment", negatable = true, description = "Image augmentation: random resized crop and colour jitter (default: on).")
    public boolean augment = true;

    @Option(names = "--crop-scale-min", description = "Smallest area fraction kept by the random resized crop (default: ${DEFAULT-VALUE}).")
    public double cropScaleMin = 0.6;

    @Option(names = "--jitter", description = "Strength of brightness/contrast/saturation jitter, e.g. 0.3 = factors in [0.7, 1.3] (default: ${DEFAULT-VALUE}).")
    public double jitter = 0.3;

    @Option(names = "--hue-jitter", description = "Largest hue rotation as a fraction of the colour wheel (default: ${DEFAULT-VALUE}).")
    public double hueJitter = 0.02;

    @Option(names = "--synonym-prob", description = "Synchronised text augmentation: in a sample whose image is augmented, each caption word is replaced with this probability by a WordNet synonym; 0 turns it off (default: ${DEFAULT-VALUE}).")
    public double synonymProbability = 0;

    @Option(names = "--clean-prob", description = "Probability that an image is used exactly as inference preprocesses it, without augmentation (default: ${DEFAULT-VALUE}).")
    public double cleanProbability = 0.2;

    // ---- run control
    @Option(names = "--seed", description = "Seed of initialisation, sampling and augmentation; the same seed gives the same run (default: ${DEFAULT-VALUE}).")
    public long seed = 42;

    @Option(names = "--checkpoint-every", description = "Write a checkpoint every this many steps; 0 only at the end (default: ${DEFAULT-VALUE}).")
    public int checkpointEvery = 500;

    @Option(names = "--keep-checkpoints", description = "Checkpoints kept on disk; older ones are deleted (default: ${DEFAULT-VALUE}).")
    public int keepCheckpoints = 2;

    @Option(names = "--threads", description = "Intra-op threads of the engine; 0 keeps the engine's default (default: ${DEFAULT-VALUE}).")
    public int threads = 0;

    @Option(names = "--no-progress", negatable = true, description = "Progress bar on stderr (default: on).")
    public boolean progress = true;

    /** Fails fast on values that cannot work. */
    public void validate() {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("at least one --dataset is required");
        }
        if (steps < 1 || batchSize < 2) {
            throw new IllegalArgumentException("--steps must be >= 1 and --batch-size >= 2");
        }
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("--image-size must be a multiple of --patch-size");
        }
        if (freezeText && freezeVision) {
            throw new IllegalArgumentException("freezing both towers leaves nothing to train");
        }
        if (synonymProbability < 0 || synonymProbability > 1) {
            throw new IllegalArgumentException("--synonym-prob must lie in [0, 1]");
        }
        if (contextLength < 3) {
            throw new IllegalArgumentException("--context-length must be >= 3");
        }
    }
}
