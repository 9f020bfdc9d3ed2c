package io.clipstream.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.clipstream.align.ScoringRule;
import io.clipstream.align.Similarity;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ClipTokenizer;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.preprocess.TokenBatch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded CLIP model folder that encodes batches of images and texts into L2-normalised vectors.
 *
 * <pre>{@code
 * try (ClipModel model = ClipModel.builder()
 *         .setModelDir(Path.of("models/clipstream-emoji-small"))
 *         .optDevice(Device.gpu())        // default: the GPU when DJL sees one, else the CPU
 *         .optHalfPrecision(true)         // GPU only
 *         .build()) {
 *     float[][] images = model.encodeImages(List.of(image));
 *     float[][] texts = model.encodeTexts(List.of("a photo of a cat", "a photo of a dog"));
 * }
 * }</pre>
 *
 * <p>One instance holds one copy of the weights and serves any number of threads: every call runs
 * in its own sub-manager of the weights' manager, closed before the call returns, so no native
 * memory outlives a call.
 */
public final class ClipModel implements ClipEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(ClipModel.class);

    private final ClipNetwork network;
    private final ClipTokenizer tokenizer;
    private final ClipImageProcessor imageProcessor;
    private final String modelId;
    private final float logitScale;
    private final ScoringRule scoring;

    private ClipModel(ClipNetwork network, ClipTokenizer tokenizer, ClipImageProcessor imageProcessor, String modelId) {
        this.network = network;
        this.tokenizer = tokenizer;
        this.imageProcessor = imageProcessor;
        this.modelId = modelId;
        this.logitScale = (float) Math.exp(scalar(network.logitScale()));
        this.scoring = network.logitBias() == null ? ScoringRule.softmax(logitScale)
                : ScoringRule.of(network.config().family().sigmoidScores(), logitScale, scalar(network.logitBias()));
    }

    /** A stored scalar parameter (shape {@code []} or {@code [1]}) as float32. */
    private static float scalar(NDArray stored) {
        try (NDManager read = stored.getManager().newSubManager()) {
            NDArray copy = stored.toType(DataType.FLOAT32, true);
            copy.attach(read);
            return copy.toFloatArray()[0];
        }
    }

    /** Starts configuring a model; {@link Builder#setModelDir} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads a model folder on the default device in float32. */
    public static ClipModel load(Path modelDir) {
        return builder().setModelDir(modelDir).build();
    }

    @Override
    public float[][] encodeImages(List<BufferedImage> images) {
        List<float[]> pixels = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            pixels.add(imageProcessor.preprocess(Objects.requireNonNull(image, "image")));
        }
        return encodePixels(pixels);
    }

    @Override
    public float[][] encodePixels(List<float[]> pixels) {
        if (pixels.isEmpty()) {
            return new float[0][];
        }
        ClipVisionConfig v = network.config().vision();
        int size = v.numChannels() * v.imageSize() * v.imageSize();
        for (int i = 0; i < pixels.size(); i++) {
            if (pixels.get(i).length != size) {
                throw new IllegalArgumentException("pixels[" + i + "] has " + pixels.get(i).length + " values, expected "
                        + size + " (" + v.numChannels() + "x" + v.imageSize() + "x" + v.imageSize() + ")");
            }
        }
        try (NDManager call = network.manager().newSubManager()) {
            NDArray input = InputBuffers.floats(call, pixels, size,
                    new Shape(pixels.size(), v.numChannels(), v.imageSize(), v.imageSize()));
            if (network.dataType() != DataType.FLOAT32) {
                input = input.toType(network.dataType(), false);
            }
            return normalisedRows(network.imageFeatures(input));
        }
    }

    @Override
    public float[][] encodeTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        return encodeTokens(tokenizer.encode(texts));
    }

    @Override
    public float[][] encodeTokens(List<long[]> tokens) {
        if (tokens.isEmpty()) {
            return new float[0][];
        }
        return encodeTokens(tokenizer.pad(tokens));
    }

    /** Encodes texts tokenised and padded already (by {@link #tokenizer()}). */
    public float[][] encodeTokens(TokenBatch tokens) {
        if (tokens.size() == 0) {
            return new float[0][];
        }
        long[] flat = tokens.flatIds();
        int vocab = network.config().text().vocabSize();
        for (long id : flat) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab
                        + ") of " + ModelFolder.CONFIG + "; does tokenizer.json belong to this model?");
            }
        }
        try (NDManager call = network.manager().newSubManager()) {
            NDArray ids = InputBuffers.longs(call, flat, new Shape(tokens.size(), tokens.length()));
            return normalisedRows(network.textFeatures(ids));
        }
    }

    private static float[][] normalisedRows(NDArray features) {
        int rows = (int) features.getShape().get(0);
        int dim = (int) features.getShape().get(1);
        float[] flat = features.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Similarity.normalize(Arrays.copyOfRange(flat, r * dim, (r + 1) * dim));
        }
        return out;
    }

    @Override
    public int embeddingDimension() {
        return network.config().projectionDim();
    }

    @Override
    public int imageSize() {
        return network.config().vision().imageSize();
    }

    @Override
    public float logitScale() {
        return logitScale;
    }

    @Override
    public ScoringRule scoring() {
        return scoring;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** The model's config. */
    public ClipConfig config() {
        return network.config();
    }

    /** The model's tokenizer (thread-safe). */
    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /** The device the weights live on. */
    public Device device() {
        return network.manager().getDevice();
    }

    @Override
    public boolean onAccelerator() {
        return device().isGpu();
    }

    /** The manager holding the weights; its resource count stays constant across encodes. */
    NDManager manager() {
        return network.manager();
    }

    @Override
    public void close() {
        try {
            tokenizer.close();
        } finally {
            network.close();
        }
    }

    /** Configures and loads a {@link ClipModel}: {@code setModelDir} required, {@code opt*} optional. */
    public static final class Builder {
        private Path modelDir;
        private Device device;
        private boolean halfPrecision;

        private Builder() {}

        /** The Hugging Face CLIP folder to load. */
        public Builder setModelDir(Path modelDir) {
            this.modelDir = Objects.requireNonNull(modelDir, "modelDir");
            return this;
        }

        /** The device; by default the GPU when DJL sees one, else the CPU. */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /** Whether to run in float16 on a GPU; ignored (with a warning) on the CPU. */
        public Builder optHalfPrecision(boolean halfPrecision) {
            this.halfPrecision = halfPrecision;
            return this;
        }

        /** Checks the folder and loads the model. */
        public ClipModel build() {
            if (modelDir == null) {
                throw new IllegalStateException("setModelDir is required");
            }
            Device target = device != null ? device : Engine.getInstance().defaultDevice();
            ClipConfig config = ModelFolder.readConfig(modelDir);
            Path weights = ModelFolder.weightsFile(modelDir);
            Path preprocessorJson = requireFile(ModelFolder.PREPROCESSOR_CONFIG);
            ClipImageProcessor processor;
            try {
                processor = ClipImageProcessor.of(PreprocessorConfig.load(preprocessorJson));
            } catch (IOException | RuntimeException e) {
                throw new ModelLoadException("Cannot read " + preprocessorJson + ": " + e.getMessage(), e);
            }
            if (processor.cropSize() != config.vision().imageSize()) {
                throw new ModelLoadException(ModelFolder.PREPROCESSOR_CONFIG + " crops to " + processor.cropSize()
                        + " pixels but " + ModelFolder.CONFIG + " has image_size " + config.vision().imageSize());
            }
            boolean half = halfPrecision && target.isGpu();
            if (halfPrecision && !half) {
                LOG.warn("Half precision requested on {}; running in float32 (float16 is for GPUs)", target);
            }
            String id = ModelIds.of(modelDir, weights);
            ClipTokenizer tokenizer = TokenizerFiles.load(modelDir, config);
            try {
                ClipNetwork network = ClipNetwork.load(modelDir, target, half ? DataType.FLOAT16 : DataType.FLOAT32);
                LOG.info("Loaded {} model {} on {} ({})", config.family().architecture(), id, target, network.dataType());
                return new ClipModel(network, tokenizer, processor, id);
            } catch (RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        }

        private Path requireFile(String name) {
            Path file = modelDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new ModelLoadException("Missing " + name + " in model folder " + modelDir.toAbsolutePath());
            }
            return file;
        }
    }
}
