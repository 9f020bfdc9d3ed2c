package io.clipstream.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.model.ClipNetwork;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.PreprocessorConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Contrastive training of a CLIP model on captioned datasets, written on the model's training
 * hooks ({@link ClipNetwork#imageFeatures}, {@link ClipNetwork#textFeatures}, parameters by name).
 *
 * <pre>{@code
 * TrainOptions o = new TrainOptions();
 * o.datasets = List.of(Path.of("data/emoji/twitter"), Path.of("data/emoji/facebook"));
 * o.out = Path.of("models/my-model");
 * TrainResult result = new ContrastiveTrainer(o, System.err).train();
 * }</pre>
 *
 * <p>Each step runs in its own {@link NDManager}, closed at the end of the step, so native memory
 * stays flat over any number of steps. Everything random is derived from the seed and the step
 * number, so a run resumed from a checkpoint takes exactly the steps of the uninterrupted run.
 */
public final class ContrastiveTrainer {

    /** Largest stored logit scale, ln(100), as in CLIP. */
    static final double MAX_LOGIT_SCALE = Math.log(100);

    /** float32 steps in a row skipped for a non-finite loss or gradient after which training stops. */
    static final int MAX_SKIPPED_IN_A_ROW = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainOptions o;
    private final PrintStream log;

    public ContrastiveTrainer(TrainOptions options, PrintStream log) {
        options.validate();
        this.o = options;
        this.log = log;
    }

    /** Trains, writes the model folder to {@code options.out}, and returns the run's figures. */
    public TrainResult train() throws IOException {
        long start = System.nanoTime();
        if (o.threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(o.threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        waitPolicyWarning(System.getenv("OMP_WAIT_POLICY"), JniUtils.getNumThreads()).ifPresent(log::println);
        if (o.mixedPrecision && !device.isGpu()) {
            throw new IllegalArgumentException("--mixed-precision needs a GPU (float16 autocast with dynamic loss scaling), "
                    + "and the engine sees none here; train without --mixed-precision on the CPU");
        }
        List<CaptionDataset> datasets = new ArrayList<>();
        for (Path p : o.datasets) {
            CaptionDataset d = CaptionDataset.load(p);
            log.println("dataset " + p + ": " + d.report());
            d.report().examples().forEach(e -> log.println("  skipped " + e));
            datasets.add(d);
        }
        Checkpoints checkpoints = new Checkpoints(o.out);
        Optional<Path> resumeFrom = o.resume ? checkpoints.latest() : Optional.empty();
        if (o.resume && resumeFrom.isEmpty()) {
            log.println("resume: no checkpoint under " + o.out.resolve("checkpoints") + ", starting fresh");
        }
        Files.createDirectories(o.out);
        try (TrainingModel model = resumeFrom.map(p -> TrainingModel.load(p, device))
                .orElseGet(() -> o.init != null ? TrainingModel.load(o.init, device)
                        : TrainingModel.fromScratch(o, datasets, device, o.out));
                HuggingFaceTokenizer tokenizer = tokenizer(model)) {
            ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.parse(model.preprocessorJson()));
            TrainingData data = new TrainingData(datasets, processor, tokenizer,
                    o.synonymProbability > 0 ? SynonymReplacer.wordNet() : null);
            log.printf("training on %d images of %d classes; model: %s%n", data.imageCount(), data.classCount(),
                    describe(model.network()));
            NetworkRetrieval heldOut = o.evalDataset == null ? null
                    : new NetworkRetrieval(CaptionDataset.load(o.evalDataset), processor, tokenizer);
            return run(model, data, processor, checkpoints, resumeFrom, heldOut, start);
        }
    }

    private TrainResult run(TrainingModel model, TrainingData data, ClipImageProcessor processor, Checkpoints checkpoints,
            Optional<Path> resumeFrom, NetworkRetrieval heldOut, long start) throws IOException {
        ClipNetwork net = model.network();
        Map<String, NDArray> trainable = trainable(net);
        trainable.values().forEach(p -> p.setRequiresGradient(true));
        Set<String> decayed = new HashSet<>();
        trainable.forEach((name, p) -> {
            if (p.getShape().dimension() >= 2 && !name.contains("embedding")) {
                decayed.add(name);
            }
        });
        PreprocessorConfig pc = processor.config();
        Augmenter augmenter = new Augmenter(processor.cropSize(), o.cropScaleMin, o.jitter, o.hueJitter, pc.imageMean(), pc.imageStd());
        LearningRateSchedule schedule = new LearningRateSchedule(o.learningRate, o.warmupSteps, o.steps, o.minLearningRateRatio);
        List<Double> losses = new ArrayList<>();
        ModalityLog modality = new ModalityLog();
        double[] recall = null;
        int first = 0;
        int baselineArrays = -1;
        int skippedInARow = 0;
        try (AdamW optimizer = new AdamW(net.manager(), trainable, o.beta1, o.beta2, o.adamEpsilon, o.weightDecay, decayed);
                WeightAverage average = o.emaDecay > 0 ? new WeightAverage(net.manager(), trainable, o.emaDecay) : null) {
            if (resumeFrom.isPresent()) {
                Checkpoints.State state = Checkpoints.readState(resumeFrom.get());
                Checkpoints.readOptimizer(resumeFrom.get(), optimizer);
                if (average != null && !Checkpoints.readAverage(resumeFrom.get(), average)) {
                    log.println("resume: " + resumeFrom.get() + " keeps no weight average; it starts at the checkpoint's weights");
                }
                first = state.step();
                losses.addAll(state.losses());
                log.println("resumed from " + resumeFrom.get() + " at step " + first);
            }
            ProgressBar bar = o.progress ? new ProgressBar(log, first, o.steps) : null;
            LossScaler scaler = o.mixedPrecision
                    ? new LossScaler(o.lossScaleInit, 2.0, 0.5, o.lossScaleGrowthInterval) : null;
            TrainingStep trainingStep = new TrainingStep(net, trainable, optimizer, o.gradClip, scaler);
            int size = processor.cropSize();
            for (int step = first; step < o.steps; step++) {
                Random random = new Random(o.seed * 0x9E3779B97F4A7C15L + step);
                TrainingData.Batch batch = data.sample(o.batchSize, random, augmenter, o);
                double lr = schedule.at(step);
                TrainingStep.Outcome outcome = trainingStep.run(batch, size, lr);
                if (outcome.applied()) {
                    clampLogitScale(net);
                    skippedInARow = 0;
                    if (average != null) {
                        try (NDManager m = net.manager().newSubManager()) {
                            average.update(m);
                        }
                    }
                } else if (scaler == null && ++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
                    throw new IllegalStateException(String.format("training stopped at step %d: the loss or its gradients were"
                            + " not finite for %d steps in a row, so no update was applied; lower --lr or --grad-clip, or resume"
                            + " from the last checkpoint under %s", step + 1, skippedInARow, o.out.resolve("checkpoints")));
                }
                double loss = outcome.loss();
                modality.add(outcome);
                losses.add(loss);
                if (baselineArrays < 0) {
                    // after the first step the optimizer state exists; from here on the count must stay flat
                    baselineArrays = net.manager().getManagedArrays().size();
                }
                if (bar != null) {
                    bar.update(step + 1, loss, lr, Math.exp(net.logitScale().toFloatArray()[0]), batch.size());
                }
                boolean last = step + 1 == o.steps;
                if (last || (o.checkpointEvery > 0 && (step + 1) % o.checkpointEvery == 0)) {
                    if (bar != null) {
                        bar.newline();
                    }
                    String figures = "";
                    if (heldOut != null) {
                        recall = heldOut.evaluate(net);
                        figures = recallFigures(" held-out", recall);
                        if (average != null && average.started()) {
                            recall = average.withAverage(() -> heldOut.evaluate(net));
                            figures += ";" + recallFigures(" weight average", recall);
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    String meta = metadata(step + 1, seconds, losses, data, modality);
                    if (!last || o.checkpointEvery > 0) {
                        checkpoints.save(step + 1, model, optimizer, average, losses, meta, o.keepCheckpoints);
                    }
                    log.printf("step %d: mean loss of the last 50 steps %.4f%s%n", step + 1, tailMean(losses, 50), figures);
                    log.println("  " + modality.summary(50) + (scaler == null ? ""
                            : String.format(" loss scale %.0f, %d overflowed steps skipped", scaler.scale(), scaler.skippedSteps())));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String meta = metadata(o.steps, seconds, losses, data, modality);
            boolean averaged = average != null && average.started();
            if (averaged) {
                average.withAverage(() -> {
                    model.write(o.out, meta);
                    return null;
                });
            } else {
                model.write(o.out, meta);
            }
            log.printf("wrote %s%s after %s%n", o.out, averaged ? " (the weight average)" : "", ProgressBar.format(seconds));
            int growth = baselineArrays < 0 ? 0 : net.manager().getManagedArrays().size() - baselineArrays;
            return new TrainResult(o.out, first, List.copyOf(losses), seconds, recall, growth);
        }
    }

    private static String recallFigures(String what, double[] r) {
        return String.format("%s R@1 i2t %.3f t2i %.3f, R@5 i2t %.3f t2i %.3f", what, r[0], r[1], r[2], r[3]);
    }

    private Map<String, NDArray> trainable(ClipNetwork net) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        net.parameters().forEach((name, p) -> {
            boolean vision = name.startsWith("vision_model.") || name.startsWith("visual_projection.");
            boolean text = name.startsWith("text_model.") || name.startsWith("text_projection.");
            if ((vision && o.freezeVision) || (text && o.freezeText)) {
                return;
            }
            out.put(name, p);
        });
        return out;
    }

    /**
     * A warning when the engine's threads would sleep between ops: a training step is hundreds of
     * small ops, and waking the threads for each costs what the second thread gains (measured on
     * two cores: 1.05x one thread with OMP_WAIT_POLICY=PASSIVE, 1.49x with ACTIVE).
     *
     * @param policy the value of OMP_WAIT_POLICY, or null
     * @param threads the engine's intra-op threads
     */
    static Optional<String> waitPolicyWarning(String policy, int threads) {
        if (policy == null || !policy.trim().equalsIgnoreCase("PASSIVE") || threads <= 1) {
            return Optional.empty();
        }
        return Optional.of("warning: OMP_WAIT_POLICY=PASSIVE makes the engine's threads sleep between ops, and a training"
                + " step with several threads is then hardly faster than with one; train with OMP_WAIT_POLICY=ACTIVE (the"
                + " launcher's default for train) or with --threads 1");
    }

    /** CLIP clamps the stored scale after each update so logits never exceed 100 * cosine. */
    private static void clampLogitScale(ClipNetwork net) {
        NDArray s = net.logitScale();
        float v = s.toFloatArray()[0];
        if (v > MAX_LOGIT_SCALE) {
            s.subi((float) (v - MAX_LOGIT_SCALE));
        }
    }

    private String metadata(int step, double seconds, List<Double> losses, TrainingData data, ModalityLog modality) {
        com.fasterxml.jackson.databind.JsonNode curves = modality.curves(JSON, first(step, losses), losses);
        ObjectNode root = JSON.createObjectNode();
        root.put("model_id", o.modelId != null ? o.modelId : o.out.toAbsolutePath().normalize().getFileName().toString());
        ObjectNode t = root.putObject("training");
        t.put("steps", step);
        t.put("batch_size", o.batchSize);
        t.put("seed", o.seed);
        if (o.emaDecay > 0) {
            t.put("ema_decay", o.emaDecay);
        }
        t.put("seconds", Math.round(seconds));
        t.put("images", data.imageCount());
        t.put("classes", data.classCount());
        t.put("final_loss", tailMean(losses, 50));
        t.set("curves", curves);
        o.datasets.forEach(d -> t.withArray("datasets").add(d.getFileName().toString()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The step number of {@code losses.get(0)}: losses always cover the run from step 1. */
    private static int first(int step, List<Double> losses) {
        return step - losses.size() + 1;
    }

    private static double tailMean(List<Double> values, int n) {
        return values.subList(Math.max(0, values.size() - n), values.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElse(Double.NaN);
    }

    private HuggingFaceTokenizer tokenizer(TrainingModel model) throws IOException {
        int context = model.network().config().text().maxPositionEmbeddings();
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(writeTemp(model.tokenizerJson()))
                .optMaxLength(context).optTruncation(true).optPadding(false).build();
    }

    private static Path writeTemp(String text) throws IOException {
        Path f = Files.createTempFile("clipstream-tokenizer", ".json");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        f.toFile().deleteOnExit();
        return f;
    }

    private static String describe(ClipNetwork net) {
        long params = net.parameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
        var v = net.config().vision();
        var t = net.config().text();
        return String.format("%,d parameters, vision %dpx/%d width %d x %d layers, text width %d x %d layers, vocab %d",
                params, v.imageSize(), v.patchSize(), v.hiddenSize(), v.numHiddenLayers(), t.hiddenSize(), t.numHiddenLayers(), t.vocabSize());
    }
}
