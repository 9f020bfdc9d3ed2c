package io.clipstream.cli;

import io.clipstream.train.TrainOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code clipstream train}, which become the {@link TrainOptions} of the trainer; their defaults are its defaults. */
final class TrainFlags {
    private static final TrainOptions DEFAULTS = new TrainOptions();

    @Option(names = "--dataset", required = true, description = "Training dataset folder (repeatable); every entry is one class.")
    List<Path> datasets = new ArrayList<>(DEFAULTS.datasets);

    @Option(names = "--eval-dataset", description = "Dataset to report Recall@1 on at every checkpoint (optional).")
    Path evalDataset;

    @Option(names = "--out", required = true, description = "Folder that receives the trained model; checkpoints go to <out>/checkpoints.")
    Path out;

    @Option(names = "--init", description = "Existing model folder to fine-tune; without it a model is trained from scratch.")
    Path init;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in <out>/checkpoints (optimizer state included).")
    boolean resume;

    @Option(names = "--model-id", description = "Model id written to clipstream.json, the name of the model's id on every output (default: the output folder's name).")
    String modelId;

    @Option(names = "--image-size", description = "Side of the input image in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize = DEFAULTS.imageSize;

    @Option(names = "--patch-size", description = "Side of a ViT patch (default: ${DEFAULT-VALUE}).")
    int patchSize = DEFAULTS.patchSize;

    @Option(names = "--vision-width", description = "Width of the vision transformer (default: ${DEFAULT-VALUE}).")
    int visionWidth = DEFAULTS.visionWidth;

    @Option(names = "--vision-layers", description = "Layers of the vision transformer (default: ${DEFAULT-VALUE}).")
    int visionLayers = DEFAULTS.visionLayers;

    @Option(names = "--vision-heads", description = "Attention heads of the vision transformer (default: ${DEFAULT-VALUE}).")
    int visionHeads = DEFAULTS.visionHeads;

    @Option(names = "--text-width", description = "Width of the text transformer (default: ${DEFAULT-VALUE}).")
    int textWidth = DEFAULTS.textWidth;

    @Option(names = "--text-layers", description = "Layers of the text transformer (default: ${DEFAULT-VALUE}).")
    int textLayers = DEFAULTS.textLayers;

    @Option(names = "--text-heads", description = "Attention heads of the text transformer (default: ${DEFAULT-VALUE}).")
    int textHeads = DEFAULTS.textHeads;

    @Option(names = "--mlp-ratio", description = "MLP width as a multiple of the transformer width (default: ${DEFAULT-VALUE}).")
    int mlpRatio = DEFAULTS.mlpRatio;

    @Option(names = "--projection-dim", description = "Length of the shared embedding (default: ${DEFAULT-VALUE}).")
    int projectionDim = DEFAULTS.projectionDim;

    @Option(names = "--context-length", description = "Longest token sequence, start and end tokens included (default: ${DEFAULT-VALUE}).")
    int contextLength = DEFAULTS.contextLength;

    @Option(names = "--min-word-count", description = "Words seen fewer times than this map to [UNK] (default: ${DEFAULT-VALUE}).")
    int minWordCount = DEFAULTS.minWordCount;

    @Option(names = "--steps", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps = DEFAULTS.steps;

    @Option(names = "--batch-size", description = "Image-caption pairs per step, of distinct classes (default: ${DEFAULT-VALUE}).")
    int batchSize = DEFAULTS.batchSize;

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate;

    @Option(names = "--min-lr-ratio", description = "Learning rate at the end of the cosine decay, as a fraction of the peak (default: ${DEFAULT-VALUE}).")
    double minLearningRateRatio = DEFAULTS.minLearningRateRatio;

    @Option(names = "--warmup-steps", description = "Steps of linear warm-up (default: ${DEFAULT-VALUE}).")
    int warmupSteps = DEFAULTS.warmupSteps;

    @Option(names = "--weight-decay", description = "Decoupled weight decay of matrices; none on norms, biases, embeddings, logit scale (default: ${DEFAULT-VALUE}).")
    double weightDecay = DEFAULTS.weightDecay;

    @Option(names = "--beta1", description = "AdamW first-moment decay (default: ${DEFAULT-VALUE}).")
    double beta1 = DEFAULTS.beta1;

    @Option(names = "--beta2", description = "AdamW second-moment decay (default: ${DEFAULT-VALUE}).")
    double beta2 = DEFAULTS.beta2;

    @Option(names = "--adam-eps", description = "AdamW epsilon (default: ${DEFAULT-VALUE}).")
    double adamEpsilon = DEFAULTS.adamEpsilon;

    @Option(names = "--grad-clip", description = "Clip the global gradient norm to this value; 0 turns clipping off (default: ${DEFAULT-VALUE}).")
    double gradClip = DEFAULTS.gradClip;

    @Option(names = "--ema-decay", description = "Decay of an exponential moving average of the weights, updated after every step and written as the model (checkpoints keep the trained weights and the average); 0 turns it off, and a decay d averages over about the last 1/(1-d) steps (default: ${DEFAULT-VALUE}).")
    double emaDecay = DEFAULTS.emaDecay;

    @Option(names = "--logit-scale-init", description = "Initial stored logit scale, ln(1/temperature), from scratch (default: ${DEFAULT-VALUE} = ln(1/0.07)).")
    double logitScaleInit = DEFAULTS.logitScaleInit;

    @Option(names = "--freeze-vision", description = "Do not update the vision tower (nor the visual projection).")
    boolean freezeVision;

    @Option(names = "--freeze-text", description = "Do not update the text tower (nor the text projection).")
    boolean freezeText;

    @Option(names = "--mixed-precision", description = "float16 autocast with dynamic loss scaling; needs a GPU (refused on the CPU).")
    boolean mixedPrecision;

    @Option(names = "--loss-scale-init", description = "First loss scale of --mixed-precision; halved on overflow (default: ${DEFAULT-VALUE}).")
    double lossScaleInit = DEFAULTS.lossScaleInit;

    @Option(names = "--loss-scale-growth-interval", description = "Good steps in a row after which --mixed-precision doubles the loss scale (default: ${DEFAULT-VALUE}).")
    int lossScaleGrowthInterval = DEFAULTS.lossScaleGrowthInterval;

    @Option(names = "--name-prob", description = "Probability that a step's caption is the entry's label rather than a random caption (default: ${DEFAULT-VALUE}).")
    double nameProbability = DEFAULTS.nameProbability;

    @Option(names = "--no-augment", negatable = true, description = "Image augmentation: random resized crop and colour jitter (default: on).")
    boolean augment = DEFAULTS.augment;

    @Option(names = "--crop-scale-min", description = "Smallest area fraction kept by the random resized crop (default: ${DEFAULT-VALUE}).")
    double cropScaleMin = DEFAULTS.cropScaleMin;

    @Option(names = "--jitter", description = "Strength of brightness/contrast/saturation jitter, e.g. 0.3 = factors in [0.7, 1.3] (default: ${DEFAULT-VALUE}).")
    double jitter = DEFAULTS.jitter;

    @Option(names = "--hue-jitter", description = "Largest hue rotation as a fraction of the colour wheel (default: ${DEFAULT-VALUE}).")
    double hueJitter = DEFAULTS.hueJitter;

    @Option(names = "--synonym-prob", description = "Synchronised text augmentation: in a sample whose image is augmented, each caption word is replaced with this probability by a WordNet synonym; 0 turns it off (default: ${DEFAULT-VALUE}).")
    double synonymProbability = DEFAULTS.synonymProbability;

    @Option(names = "--clean-prob", description = "Probability that an image is used exactly as inference preprocesses it, without augmentation (default: ${DEFAULT-VALUE}).")
    double cleanProbability = DEFAULTS.cleanProbability;

    @Option(names = "--seed", description = "Seed of initialisation, sampling and augmentation; the same seed gives the same run on one thread (--threads 1) (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed;

    @Option(names = "--checkpoint-every", description = "Write a checkpoint every this many steps; 0 only at the end (default: ${DEFAULT-VALUE}).")
    int checkpointEvery = DEFAULTS.checkpointEvery;

    @Option(names = "--keep-checkpoints", description = "Checkpoints kept on disk; older ones are deleted (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints = DEFAULTS.keepCheckpoints;

    @Option(names = "--threads", description = "Intra-op threads of the engine; 0 keeps the engine's default (one per core). More than one makes runs differ in the last bits of their sums, and pays only with OMP_WAIT_POLICY=ACTIVE, the launcher's default for train (default: ${DEFAULT-VALUE}).")
    int threads = DEFAULTS.threads;

    @Option(names = "--no-progress", negatable = true, description = "Progress bar on stderr (default: on).")
    boolean progress = DEFAULTS.progress;

    /** The options these flags give. */
    TrainOptions toOptions() {
        TrainOptions o = new TrainOptions();
        o.datasets = datasets;
        o.evalDataset = evalDataset;
        o.out = out;
        o.init = init;
        o.resume = resume;
        o.modelId = modelId;
        o.imageSize = imageSize;
        o.patchSize = patchSize;
        o.visionWidth = visionWidth;
        o.visionLayers = visionLayers;
        o.visionHeads = visionHeads;
        o.textWidth = textWidth;
        o.textLayers = textLayers;
        o.textHeads = textHeads;
        o.mlpRatio = mlpRatio;
        o.projectionDim = projectionDim;
        o.contextLength = contextLength;
        o.minWordCount = minWordCount;
        o.steps = steps;
        o.batchSize = batchSize;
        o.learningRate = learningRate;
        o.minLearningRateRatio = minLearningRateRatio;
        o.warmupSteps = warmupSteps;
        o.weightDecay = weightDecay;
        o.beta1 = beta1;
        o.beta2 = beta2;
        o.adamEpsilon = adamEpsilon;
        o.gradClip = gradClip;
        o.emaDecay = emaDecay;
        o.logitScaleInit = logitScaleInit;
        o.freezeVision = freezeVision;
        o.freezeText = freezeText;
        o.mixedPrecision = mixedPrecision;
        o.lossScaleInit = lossScaleInit;
        o.lossScaleGrowthInterval = lossScaleGrowthInterval;
        o.nameProbability = nameProbability;
        o.augment = augment;
        o.cropScaleMin = cropScaleMin;
        o.jitter = jitter;
        o.hueJitter = hueJitter;
        o.synonymProbability = synonymProbability;
        o.cleanProbability = cleanProbability;
        o.seed = seed;
        o.checkpointEvery = checkpointEvery;
        o.keepCheckpoints = keepCheckpoints;
        o.threads = threads;
        o.progress = progress;
        return o;
    }
}
