package io.clipstream.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.preprocess.PreprocessorConfig;
import java.nio.file.Path;
import java.util.List;
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
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        addedToken(added, BOS, "<|startoftext|>");
        addedToken(added, EOS, "<|endoftext|>");
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "<|startoftext|>").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "<|startoftext|>").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
        ObjectNode specials = post.putObject("special_tokens");
        special(specials, "<|startoftext|>", BOS);
        special(specials, "<|endoftext|>", EOS);
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        model.put("unk_token", "<unk>");
        ObjectNode vocab = model.putObject("vocab");
        vocab.put("<|startoftext|>", BOS);
        vocab.put("<unk>", 1);
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.put(WORDS.get(i), i + 2);
        }
        vocab.put("<|endoftext|>", EOS);
        return root.toPrettyString();
    }

    private static void addedToken(ArrayNode added, long id, String content) {
        added.addObject().put("id", id).put("content", content).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
    }

    private static void special(ObjectNode specials, String token, long id) {
        ObjectNode node = specials.putObject(token);
        node.put("id", token);
        node.putArray("ids").add(id);
        node.putArray("tokens").add(token);
    }

    static float[] floats(NDArray array) {
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
