package io.clipstream.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every tunable of {@link ContrastiveTrainer}, typed, with its default and a one-line description.
 * The {@code train} command's flags ({@code cli.TrainFlags}) fill it in; each field names its flag.
 *
 * <p>Model shape options apply when training from scratch; with {@link #init} the checkpoint's own
 * config, tokenizer and preprocessor config are used and the shape options are ignored.
 */
public final class TrainOptions {

    // ---- data and output
    /** Training dataset folder (repeatable); every entry is one class. (CLI: --dataset) */
    public List<Path> datasets = new ArrayList<>();

    /** Dataset to report Recall{@literal @}1 on at every checkpoint (optional). (CLI: --eval-dataset) */
    public Path evalDataset;

    /** Folder that receives the trained model; checkpoints go to &lt;out&gt;/checkpoints. (CLI: --out) */
    public Path out;

    /** Existing model folder to fine-tune; without it a model is trained from scratch. (CLI: --init) */
    public Path init;

    /** Continue from the newest checkpoint in &lt;out&gt;/checkpoints (optimizer state included). (CLI: --resume) */
    public boolean resume;

    /** Model id written to clipstream.json, the name of the model's id on every output (default: the output folder's name). (CLI: --model-id) */
    public String modelId;

    // ---- model shape (from scratch)
    /** Side of the input image in pixels. (CLI: --image-size) */
    public int imageSize = 32;

    /** Side of a ViT patch. (CLI: --patch-size) */
    public int patchSize = 4;

    /** Width of the vision transformer. (CLI: --vision-width) */
    public int visionWidth = 192;

    /** Layers of the vision transformer. (CLI: --vision-layers) */
    public int visionLayers = 3;

    /** Attention heads of the vision transformer. (CLI: --vision-heads) */
    public int visionHeads = 4;

    /** Width of the text transformer. (CLI: --text-width) */
    public int textWidth = 128;

    /** Layers of the text transformer. (CLI: --text-layers) */
    public int textLayers = 2;

    /** Attention heads of the text transformer. (CLI: --text-heads) */
    public int textHeads = 4;

    /** MLP width as a multiple of the transformer width. (CLI: --mlp-ratio) */
    public int mlpRatio = 4;

    /** Length of the shared embedding. (CLI: --projection-dim) */
    public int projectionDim = 128;

    /** Longest token sequence, start and end tokens included. (CLI: --context-length) */
    public int contextLength = 16;

    /** Words seen fewer times than this map to [UNK]. (CLI: --min-word-count) */
    public int minWordCount = 1;

    // ---- optimisation
    /** Optimizer steps. (CLI: --steps) */
    public int steps = 2000;

    /** Image-caption pairs per step, of distinct classes. (CLI: --batch-size) */
    public int batchSize = 128;

    /** Peak learning rate. (CLI: --lr) */
    public double learningRate = 1e-3;

    /** Learning rate at the end of the cosine decay, as a fraction of the peak. (CLI: --min-lr-ratio) */
    public double minLearningRateRatio = 0.02;

    /** Steps of linear warm-up. (CLI: --warmup-steps) */
    public int warmupSteps = 100;

    /** Decoupled weight decay of matrices; none on norms, biases, embeddings, logit scale. (CLI: --weight-decay) */
    public double weightDecay = 0.1;

    /** AdamW first-moment decay. (CLI: --beta1) */
    public double beta1 = 0.9;

    /** AdamW second-moment decay. (CLI: --beta2) */
    public double beta2 = 0.98;

    /** AdamW epsilon. (CLI: --adam-eps) */
    public double adamEpsilon = 1e-6;

    /** Clip the global gradient norm to this value; 0 turns clipping off. (CLI: --grad-clip) */
    public double gradClip = 1.0;

    /**
     * Decay of an exponential moving average of the weights, updated after every step and written
     * as the model (checkpoints keep the trained weights and the average); 0 turns it off, and a
     * decay d averages over about the last 1 / (1 - d) steps. (CLI: --ema-decay)
     */
    public double emaDecay = 0;

    /** Initial stored logit scale, ln(1/temperature), from scratch). (CLI: --logit-scale-init) */
    public double logitScaleInit = 2.6592;

    /** Do not update the vision tower (nor the visual projection). (CLI: --freeze-vision) */
    public boolean freezeVision;

    /** Do not update the text tower (nor the text projection). (CLI: --freeze-text) */
    public boolean freezeText;

    /** float16 autocast with dynamic loss scaling; needs a GPU (refused on the CPU). (CLI: --mixed-precision) */
    public boolean mixedPrecision;

    /** First loss scale of --mixed-precision; halved on overflow. (CLI: --loss-scale-init) */
    public double lossScaleInit = 65536;

    /** Good steps in a row after which --mixed-precision doubles the loss scale. (CLI: --loss-scale-growth-interval) */
    public int lossScaleGrowthInterval = 2000;

    // ---- data sampling and augmentation
    /** Probability that a step's caption is the entry's label rather than a random caption. (CLI: --name-prob) */
    public double nameProbability = 0.5;

    /** Image augmentation: random resized crop and colour jitter (default: on). (CLI: --no-augment) */
    public boolean augment = true;

    /** Smallest area fraction kept by the random resized crop. (CLI: --crop-scale-min) */
    public double cropScaleMin = 0.6;

    /** Strength of brightness/contrast/saturation jitter, e.g. 0.3 = factors in [0.7, 1.3]. (CLI: --jitter) */
    public double jitter = 0.3;

    /** Largest hue rotation as a fraction of the colour wheel. (CLI: --hue-jitter) */
    public double hueJitter = 0.02;

    /** Synchronised text augmentation: in a sample whose image is augmented, each caption word is replaced with this probability by a WordNet synonym; 0 turns it off. (CLI: --synonym-prob) */
    public double synonymProbability = 0;

    /** Probability that an image is used exactly as inference preprocesses it, without augmentation. (CLI: --clean-prob) */
    public double cleanProbability = 0.2;

    // ---- run control
    /** Seed of initialisation, sampling and augmentation; the same seed gives the same run on one thread (--threads 1). (CLI: --seed) */
    public long seed = 42;

    /** Write a checkpoint every this many steps; 0 only at the end. (CLI: --checkpoint-every) */
    public int checkpointEvery = 500;

    /** Checkpoints kept on disk; older ones are deleted. (CLI: --keep-checkpoints) */
    public int keepCheckpoints = 2;

    /**
     * Intra-op threads of the engine; 0 keeps the engine's default (one per core). More than one
     * makes runs differ in the last bits of their sums, and pays only with OpenMP threads that spin
     * between ops (OMP_WAIT_POLICY=ACTIVE, the launcher's default for train). (CLI: --threads)
     */
    public int threads = 0;

    /** Progress bar on stderr (default: on). (CLI: --no-progress) */
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
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("--ema-decay must lie in [0, 1) (0 turns the average off)");
        }
        if (contextLength < 3) {
            throw new IllegalArgumentException("--context-length must be >= 3");
        }
    }
}
