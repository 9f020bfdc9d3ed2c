package io.clipstream.explain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.clipstream.model.AttentionTap;
import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.ModelFolder;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ClipTokenizer;
import io.clipstream.preprocess.PreprocessorConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Explains image–text scores of a CLIP model folder with gradient-weighted attention relevance.
 * For each text: one forward pass of both towers with every attention map tapped, the backward
 * pass of the logit {@code exp(logit_scale) * cosine}, then {@link AttentionRelevance} per tower;
 * the image map is the pooled token's row over the patches ({@link RelevanceTokens}), reshaped to
 * the patch grid, min-max normalised and laid over the picture ({@link PictureMap}); the text
 * relevance is the pooled token's row.
 *
 * <pre>{@code
 * try (RelevanceExplainer explainer = RelevanceExplainer.load(Path.of("models/clip-vit-base-patch32"))) {
 *     List<Explanation> e = explainer.explain(image, List.of("a cat", "a dog"));
 * }
 * }</pre>
 *
 * <p>Runs on the CPU, in float32, one text at a time; every array lives in a per-text sub-manager
 * that is closed before the next.
 */
public final class RelevanceExplainer implements AutoCloseable {

    private final ClipNetwork net;
    private final ClipTokenizer tokenizer;
    private final HuggingFaceTokenizer pieces;
    private final ClipImageProcessor processor;

    private RelevanceExplainer(ClipNetwork net, ClipTokenizer tokenizer, HuggingFaceTokenizer pieces, ClipImageProcessor processor) {
        this.net = net;
        this.tokenizer = tokenizer;
        this.pieces = pieces;
        this.processor = processor;
    }

    /** Loads a model folder in the Hugging Face CLIP layout. */
    public static RelevanceExplainer load(Path modelDir) {
        ClipConfig config = ModelFolder.readConfig(modelDir);
        Path tokenizerJson = modelDir.resolve(ModelFolder.TOKENIZER);
        ClipImageProcessor processor;
        HuggingFaceTokenizer pieces;
        try {
            processor = ClipImageProcessor.of(PreprocessorConfig.load(modelDir.resolve(ModelFolder.PREPROCESSOR_CONFIG)));
            pieces = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optAddSpecialTokens(true)
                    .optTruncation(false).optPadding(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the preprocessor config or tokenizer of " + modelDir, e);
        }
        ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerJson, config.text().maxPositionEmbeddings());
        return new RelevanceExplainer(ClipNetwork.load(modelDir, Device.cpu()), tokenizer, pieces, processor);
    }

    /** One explanation per text, in order. */
    public List<Explanation> explain(BufferedImage image, List<String> texts) {
        float[] pixels = processor.preprocess(image);
        List<Explanation> out = new ArrayList<>();
        for (String text : texts) {
            out.add(explain(image, pixels, text));
        }
        return out;
    }

    private Explanation explain(BufferedImage image, float[] pixelValues, String text) {
        ClipConfig config = net.config();
        int size = processor.cropSize();
        long[] ids = tokenizer.encode(text);
        try (NDManager m = net.manager().newSubManager()) {
            Tap vision = new Tap(m);
            Tap language = new Tap(m);
            float cosine;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray image0;
                NDArray text0;
                try (AttentionTap.Installed t = AttentionTap.install(vision)) {
                    image0 = net.imageFeatures(m.create(pixelValues, new Shape(1, 3, size, size)));
                }
                try (AttentionTap.Installed t = AttentionTap.install(language)) {
                    text0 = net.textFeatures(m.create(ids, new Shape(1, ids.length)));
                }
                NDArray img = image0.div(image0.norm(new int[] {-1}, true));
                NDArray txt = text0.div(text0.norm(new int[] {-1}, true));
                NDArray cos = img.mul(txt).sum();
                // a constant factor: an op on the weight itself would land on the weights' manager
                NDArray logit = cos.mul((float) Math.exp(net.logitScale().getFloat()));
                gc.backward(logit);
                cosine = cos.getFloat();
            }
            int grid = config.vision().gridSize();
            int n = grid * grid + RelevanceTokens.firstPatch(config);
            float[][] rImage = AttentionRelevance.accumulate(vision.attention(), vision.gradients(),
                    config.vision().numAttentionHeads(), n);
            float[][] rText = AttentionRelevance.accumulate(language.attention(), language.gradients(),
                    config.text().numAttentionHeads(), ids.length);
            float[] row = rImage[RelevanceTokens.imageQuery(config)];
            float[][] patchMap = new float[grid][grid];
            for (int p = 0; p < grid * grid; p++) {
                patchMap[p / grid][p % grid] = row[RelevanceTokens.firstPatch(config) + p];
            }
            PictureMap.normalise(patchMap);
            float[][] imageMap = PictureMap.over(patchMap, image.getWidth(), image.getHeight(), processor.config(), size);
            List<String> tokens = tokens(text, ids.length);
            float[] tokenRelevance = tokenRelevance(rText[RelevanceTokens.textQuery(config, ids)], text);
            return new Explanation(text, cosine, patchMap, imageMap, tokens, tokenRelevance);
        }
    }

    private List<String> tokens(String text, int length) {
        String[] t = pieces.encode(text).getTokens();
        List<String> out = new ArrayList<>(Arrays.asList(t).subList(0, Math.min(length, t.length)));
        if (t.length > length) {
            out.set(length - 1, t[t.length - 1]);
        }
        return out;
    }

    private float[] tokenRelevance(float[] row, String text) {
        long[] special = pieces.encode(text).getSpecialTokenMask();
        float[] out = new float[row.length];
        float hi = 0;
        for (int i = 0; i < row.length; i++) {
            if (!isSpecial(special, i, row.length)) {
                hi = Math.max(hi, row[i]);
            }
        }
        for (int i = 0; i < row.length; i++) {
            out[i] = isSpecial(special, i, row.length) || hi <= 0 ? 0 : row[i] / hi;
        }
        return out;
    }

    private static boolean isSpecial(long[] mask, int i, int length) {
        // a truncated text keeps its end-of-text token in the last position
        int source = i == length - 1 && mask.length > length ? mask.length - 1 : i;
        return source < mask.length && mask[source] == 1;
    }

    @Override
    public void close() {
        pieces.close();
        tokenizer.close();
        net.close();
    }

    /**
     * Records each block's attention probabilities and routes the forward pass through
     * {@code probs + zero}, a zero leaf that requires a gradient: the gradient that reaches the
     * leaf is exactly the gradient with respect to the probabilities, and the forward value and
     * every other gradient are unchanged.
     */
    private static final class Tap implements java.util.function.UnaryOperator<NDArray> {
        private final NDManager manager;
        private final List<NDArray> probabilities = new ArrayList<>();
        private final List<NDArray> leaves = new ArrayList<>();

        Tap(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public NDArray apply(NDArray probs) {
            NDArray zero = manager.zeros(probs.getShape(), probs.getDataType());
            zero.setRequiresGradient(true);
            probabilities.add(probs);
            leaves.add(zero);
            return probs.add(zero);
        }

        List<float[]> attention() {
            return probabilities.stream().map(NDArray::toFloatArray).toList();
        }

        List<float[]> gradients() {
            return leaves.stream().map(l -> {
                NDArray g = l.getGradient();
                g.attach(manager);
                return g.toFloatArray();
            }).toList();
        }
    }
}
