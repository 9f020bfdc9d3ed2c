package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.PreprocessorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearTwinsTest {
    private static final List<String> LABELS = List.of("grinning face", "grinning squinting face", "flag: Germany",
            "flag: France", "red apple", "face with tears of joy", "green apple", "bicycle", "flag: Japan", "cat face");

    @Test
    void twinsShareAContentWordAndFunctionWordsDoNotCount() {
        NearTwins twins = new NearTwins(LABELS);
        assertThat(twins.of(0)).containsExactly(1, 5, 9); // grinning / face
        assertThat(twins.of(2)).containsExactly(3, 8); // flag (the colon splits the word)
        assertThat(twins.of(4)).containsExactly(6); // apple
        assertThat(twins.of(7)).isEmpty();
        // "of" and "with" join nothing: "face with tears of joy" has its twins through "face" alone
        assertThat(twins.of(5)).containsExactly(0, 1, 9);
    }

    @Test
    void placingPutsARandomClassAndItsTwinsFirstAndKeepsAPermutation() {
        NearTwins twins = new NearTwins(LABELS);
        Random random = new Random(1);
        Set<Integer> seeds = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            int[] order = new int[LABELS.size()];
            Arrays.setAll(order, i -> i);
            int placed = twins.place(order, 3, random);
            int seed = order[0];
            seeds.add(seed);
            int[] expectedTwins = twins.of(seed);
            assertThat(placed).isEqualTo(1 + Math.min(2, expectedTwins.length));
            for (int k = 1; k < placed; k++) {
                assertThat(expectedTwins).contains(order[k]);
            }
            assertThat(Arrays.stream(order).sorted().toArray()).as("still every class once").isEqualTo(
                    java.util.stream.IntStream.range(0, LABELS.size()).toArray());
        }
        assertThat(seeds).as("the seed class is drawn at random").hasSize(LABELS.size());
    }

    @Test
    void aNearTwinBatchHoldsItsSeedsTwinsInItsFirstHalfAndEveryBatchDistinctClasses(@TempDir Path dir) throws Exception {
        // 16 classes "red circle", ...: each shares its colour with 3 others and its shape with 3 others
        SyntheticShapes.write(dir.resolve("shapes"));
        CaptionDataset shapes = CaptionDataset.load(dir.resolve("shapes"));
        List<String> captions = shapes.entries().stream().flatMap(e -> e.captions().stream()).toList();
        Path tokenizerFile = dir.resolve("tokenizer.json");
        WordTokenizerBuilder.write(WordTokenizerBuilder.vocabulary(captions, 1), 8, tokenizerFile);
        ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.builder().optShortestEdge(16).optCropSize(16).build());
        Augmenter augmenter = new Augmenter(16, 0.6, 0.3, 0.02, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerFile)
                .optMaxLength(8).optTruncation(true).optPadding(false).build()) {
            TrainingData data = new TrainingData(List.of(shapes), processor, tokenizer);
            TrainOptions o = new TrainOptions();
            double[] twinShare = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                o.nearTwinShare = mode;
                Random random = new Random(5);
                int twinsSeen = 0;
                for (int step = 0; step < 300; step++) {
                    int[] classes = data.sample(8, random, augmenter, o).classes();
                    assertThat(Arrays.stream(classes).distinct().count()).isEqualTo(8);
                    for (int k = 1; k < 4; k++) {
                        twinsSeen += sharesAWord(data.classLabel(classes[0]), data.classLabel(classes[k])) ? 1 : 0;
                    }
                }
                twinShare[mode] = twinsSeen / 900.0;
            }
            // uniform: 6 of the 15 other classes share a word with the first (0.4); near-twin batches: all of them
            assertThat(twinShare[0]).isBetween(0.3, 0.5);
            assertThat(twinShare[1]).isEqualTo(1.0);
        }
    }

    private static boolean sharesAWord(String a, String b) {
        Set<String> words = new HashSet<>(Arrays.asList(a.split(" ")));
        return Arrays.stream(b.split(" ")).anyMatch(words::contains);
    }
}
