package io.clipstream.explain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.clipstream.model.AttentionTap;
import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.ModelFolder;
import io.clipstream.model.TokenizerFiles;
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
 * Explains image–text scores of a model folder of any supported family (CLIP, SigLIP,
 * Chinese-CLIP) with gradient-weighted attention relevance. For each text: one forward pass of
 * both towers with every attention map tapped, the backward pass of the family's logit
 * {@code exp(logit_scale) * cosine (+ logit_bias)} (SigLIP's sigmoid is monotone in it), then
 * {@link AttentionRelevance} per tower; the image map is the pooled row over the patches (the class
 * token's, or SigLIP's attention probe's: {@link RelevanceTokens}), reshaped to the patch grid,
 * min-max normalised and laid over the picture ({@link PictureMap}); the text relevance is the
 * pooled token's row. The text is tokenised as the model reads it (SigLIP: padded to the context).
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

    /** The token shown for a position the model reads as padding (SigLIP pads every text to its context). */
    static final String PAD = "<pad>";

    private final ClipNetwork net;
    private final ClipTokenizer tokenizer;
    private final ClipImageProcessor processor;

    private RelevanceExplainer(ClipNetwork net, ClipTokenizer tokenizer, ClipImageProcessor processor) {
        this.net = net;
        this.tokenizer = tokenizer;
        this.processor = processor;
    }

    /** Loads a model folder in the Hugging Face layout of a supported family. */
    public static RelevanceExplainer load(Path modelDir) {
        ClipConfig config = ModelFolder.readConfig(modelDir);
        ClipImageProcessor processor;
        try {
            processor = ClipImageProcessor.of(PreprocessorConfig.load(modelDir.resolve(ModelFolder.PREPROCESSOR_CONFIG)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the preprocessor config of " + modelDir, e);
        }
        ClipTokenizer tokenizer = TokenizerFiles.load(modelDir, config);
        try {
            return new RelevanceExplainer(ClipNetwork.load(modelDir, Device.cpu()), tokenizer, processor);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
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
        long[] ids = tokenizer.encode(List.of(text)).ids()[0];
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
                NDArray logit = cos.mul((float) Math.exp(scalar(net.logitScale())));
                if (net.logitBias() != null) {
                    logit = logit.add(scalar(net.logitBias()));
                }
                gc.backward(logit);
                cosine = cos.getFloat();
            }
            int grid = config.vision().gridSize();
            float[] row = imageRow(config, vision);
            int textBlocks = config.text().numHiddenLayers();
            language.expect(textBlocks, ids.length, 0);
            float[][] rText = AttentionRelevance.accumulate(language.attention(0, textBlocks),
                    language.gradients(0, textBlocks), config.text().numAttentionHeads(), ids.length);
            float[][] patchMap = new float[grid][grid];
            for (int p = 0; p < grid * grid; p++) {
                patchMap[p / grid][p % grid] = row[RelevanceTokens.firstPatch(config) + p];
            }
            PictureMap.normalise(patchMap);
            float[][] imageMap = PictureMap.over(patchMap, image.getWidth(), image.getHeight(), processor.config(), size);
            Encoding encoding = tokenizer.encoding(text);
            List<String> tokens = tokens(encoding, ids.length);
            float[] tokenRelevance = tokenRelevance(rText[RelevanceTokens.textQuery(config, ids)], encoding);
            return new Explanation(text, cosine, patchMap, imageMap, tokens, tokenRelevance);
        }
    }

    /**
     * The image's relevance over the vision sequence: the encoder blocks' self-attention (each
     * {@code [tokens x tokens]}) accumulated, then the class token's row, or for a probe-pooled
     * tower the row of the probe's attention ({@code [1 x tokens]}, the last tapped call).
     */
    private static float[] imageRow(ClipConfig config, Tap vision) {
        int n = RelevanceTokens.imageTokens(config);
        int blocks = config.vision().numHiddenLayers();
        int heads = config.vision().numAttentionHeads();
        boolean probe = RelevanceTokens.imageProbe(config);
        vision.expect(blocks, n, probe ? 1 : 0);
        float[][] r = AttentionRelevance.accumulate(vision.attention(0, blocks), vision.gradients(0, blocks), heads, n);
        if (!probe) {
            return r[RelevanceTokens.imageQuery(config)];
        }
        return AttentionRelevance.probeRow(vision.attention(blocks, blocks + 1).get(0),
                vision.gradients(blocks, blocks + 1).get(0), heads, r);
    }

    /** A stored float32 scalar parameter (shape {@code []} or {@code [1]}). */
    private static float scalar(NDArray stored) {
        return stored.toFloatArray()[0];
    }

    /** One token per id the model reads; positions past the text's own tokens are padding. */
    private static List<String> tokens(Encoding encoding, int length) {
        String[] t = encoding.getTokens();
        List<String> out = new ArrayList<>(Arrays.asList(t).subList(0, Math.min(length, t.length)));
        if (t.length > length) {
            out.set(length - 1, t[t.length - 1]);
        }
        while (out.size() < length) {
            out.add(PAD);
        }
        return out;
    }

    private static float[] tokenRelevance(float[] row, Encoding encoding) {
        long[] special = encoding.getSpecialTokenMask();
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
        // a truncated text keeps its end-of-text token in the last position; padding counts as special
        int source = i == length - 1 && mask.length > length ? mask.length - 1 : i;
        return source >= mask.length || mask[source] == 1;
    }

    @Override
    public void close() {
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
        private final List<Shape> shapes = new ArrayList<>();
        private final List<NDArray> probabilities = new ArrayList<>();
        private final List<NDArray> leaves = new ArrayList<>();

        Tap(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public NDArray apply(NDArray probs) {
            NDArray zero = manager.zeros(probs.getShape(), probs.getDataType());
            zero.setRequiresGradient(true);
            shapes.add(probs.getShape());
            probabilities.add(probs);
            leaves.add(zero);
            return probs.add(zero);
        }

        /**
         * Checks the calls seen: {@code selfAttention} maps {@code [1, heads, n, n]}, then
         * {@code probes} maps {@code [1, heads, 1, n]}.
         */
        void expect(int selfAttention, int n, int probes) {
            boolean ok = shapes.size() == selfAttention + probes;
            for (int i = 0; ok && i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                long queries = i < selfAttention ? n : 1;
                ok = s.dimension() == 4 && s.get(0) == 1 && s.get(2) == queries && s.get(3) == n;
            }
            if (!ok) {
                throw new IllegalStateException("expected " + selfAttention + " self-attention maps over " + n
                        + " tokens and " + probes + " probe maps, the tower's attention calls were " + shapes);
            }
        }

        List<float[]> attention(int from, int to) {
            return probabilities.subList(from, to).stream().map(NDArray::toFloatArray).toList();
        }

        List<float[]> gradients(int from, int to) {
            return leaves.subList(from, to).stream().map(l -> {
                NDArray g = l.getGradient();
                g.attach(manager);
                return g.toFloatArray();
            }).toList();
        }
    }
}
