package io.clipstream.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.preprocess.WordLevelTokenizerJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny random CLIP checkpoints in the exact Hugging Face layout, for tests. */
public final class TinyCheckpoints {
    /** Words of the test vocabulary; ids 0 and 1 are start-of-text and unknown, the last id is end-of-text. */
    static final List<String> WORDS = List.of("a", "photo", "of", "cat", "dog", "car", "red", "blue", "big", "small");
    static final int VOCAB = WORDS.size() + 3;
    static final long BOS = 0;
    static final long EOS = VOCAB - 1;

    private TinyCheckpoints() {}

    /** A tiny config: two layers each, 16x16 images in 8x8 patches. */
    public static ClipConfig config(String act, long eosTokenId) {
        return new ClipConfig(
                new ClipTextConfig(VOCAB, 16, 24, 2, 2, 12, act, 1e-5, eosTokenId),
                new ClipVisionConfig(16, 24, 2, 2, 3, 16, 8, act, 1e-5),
                8, 2.6592);
    }

    public static ClipConfig config() {
        return config("quick_gelu", EOS);
    }

    /**
     * A random network whose biases and layer norms are random too (transformers' init sets them to
     * 0 and 1, which would leave those code paths untested).
     */
    public static ClipNetwork network(ClipConfig config, long seed) {
        ClipNetwork net = ClipNetwork.random(config, seed, Device.cpu());
        Random random = new Random(seed);
        for (var e : net.parameters().entrySet()) {
            String name = e.getKey();
            if (name.endsWith(".bias") || name.contains("norm")) {
                NDArray p = e.getValue();
                float[] values = p.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] += (float) (random.nextGaussian() * 0.2);
                }
                p.set(values);
            }
        }
        return net;
    }

    /** Writes a folder with a random network, a WordLevel tokenizer and a CLIP preprocessor config. */
    public static Path write(Path dir, ClipConfig config, long seed) {
        try (ClipNetwork net = network(config, seed)) {
            return ModelFolder.writer(dir)
                    .setNetwork(net)
                    .setTokenizerJson(tokenizerJson())
                    .setPreprocessorConfigJson(preprocessorJson(config.vision().imageSize()))
                    .write();
        }
    }

    public static String preprocessorJson(int size) {
        return PreprocessorConfig.builder().optShortestEdge(size).optCropSize(size).build().toJson();
    }

    /** A small valid tokenizer.json: WordLevel model, lowercase, whitespace split, CLIP's special tokens. */
    public static String tokenizerJson() {
        Map<String, Long> vocab = new LinkedHashMap<>();
        vocab.put("<|startoftext|>", BOS);
        vocab.put("<unk>", 1L);
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.put(WORDS.get(i), i + 2L);
        }
        vocab.put("<|endoftext|>", EOS);
        return WordLevelTokenizerJson.builder(vocab).setBos("<|startoftext|>").setEos("<|endoftext|>").setUnk("<unk>")
                .build();
    }

    static float[] floats(NDArray array) {
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
