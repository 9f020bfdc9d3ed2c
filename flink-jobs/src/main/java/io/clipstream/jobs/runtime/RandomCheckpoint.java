package io.clipstream.jobs.runtime;

import org.apache.flink.annotation.Internal;
import ai.djl.Device;
import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.ClipTextConfig;
import io.clipstream.model.ClipVisionConfig;
import io.clipstream.model.ModelFolder;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.preprocess.WordLevelTokenizerJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a small CLIP checkpoint with random weights in the Hugging Face layout, with a word-level
 * tokenizer over the given words. Its matches are chance; it exists so that the pipeline can be
 * wired and tested where no trained model is at hand (integration tests, a first demo).
 */
@Internal
public final class RandomCheckpoint {
    private static final String BOS = "<|startoftext|>";
    private static final String EOS = "<|endoftext|>";
    private static final String UNK = "<unk>";

    private RandomCheckpoint() {}

    /** A 32-pixel, two-layer model with 16-dimensional embeddings. */
    public static Path write(Path dir, List<String> words, long seed) {
        return write(dir, words, seed, false);
    }

    /**
     * A model of openai/clip-vit-base-patch32's shape (224-pixel ViT-B/32 vision tower, 12-layer
     * 512-wide text tower, 512-dimensional embeddings) with random weights and a word-level
     * vocabulary: what a real checkpoint costs to run, for benchmarks.
     */
    public static Path writeVitB32(Path dir, List<String> words, long seed) {
        return write(dir, words, seed, true);
    }

    private static Path write(Path dir, List<String> words, long seed, boolean vitB32) {
        Set<String> vocab = new LinkedHashSet<>();
        for (String w : words) {
            for (String part : w.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!part.isEmpty()) {
                    vocab.add(part);
                }
            }
        }
        int size = vocab.size() + 3;
        ClipConfig config = vitB32
                ? new ClipConfig(new ClipTextConfig(size, 512, 2048, 12, 8, 77, "quick_gelu", 1e-5, size - 1),
                        ClipVisionConfig.defaults(), 512, 2.6592)
                : new ClipConfig(new ClipTextConfig(size, 32, 64, 2, 2, 32, "quick_gelu", 1e-5, size - 1),
                        new ClipVisionConfig(32, 64, 2, 2, 3, 32, 8, "quick_gelu", 1e-5), 16, 2.6592);
        PreprocessorConfig preprocessor = vitB32 ? PreprocessorConfig.defaults()
                : PreprocessorConfig.builder().optShortestEdge(32).optCropSize(32).build();
        try (ClipNetwork net = ClipNetwork.random(config, seed, Device.cpu())) {
            return ModelFolder.writer(dir)
                    .setNetwork(net)
                    .setTokenizerJson(tokenizerJson(List.copyOf(vocab)))
                    .setPreprocessorConfigJson(preprocessor.toJson())
                    .write();
        }
    }

    static String tokenizerJson(List<String> words) {
        Map<String, Long> vocab = new LinkedHashMap<>();
        vocab.put(BOS, 0L);
        vocab.put(UNK, 1L);
        for (int i = 0; i < words.size(); i++) {
            vocab.put(words.get(i), i + 2L);
        }
        vocab.put(EOS, words.size() + 2L);
        return WordLevelTokenizerJson.builder(vocab).setBos(BOS).setEos(EOS).setUnk(UNK).build();
    }
}
