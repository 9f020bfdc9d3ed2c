package io.clipstream.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.clipstream.align.Similarity;
import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.ModelFamily;
import io.clipstream.model.ModelFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SigLIP whose attention probe, by construction, pools the left half of the picture only: the
 * golden fixture's tiny SigLIP with its encoder blocks made the identity (attention output and MLP
 * output zero), its position embeddings marking the left patch columns {@code +P} and the right
 * ones {@code -P} on channel 0, and the probe's query and keys reading that channel only, steeply.
 * The image embedding is then a function of the left half alone (checked), so the relevance that
 * reaches the picture through the probe must lie on the left half.
 */
class RelevanceProbeTest {

    @TempDir static Path dir;
    static Path model;

    @BeforeAll
    static void buildLeftPoolingSiglip() throws IOException {
        Path golden = RelevanceFamiliesTest.golden().resolve("siglip").resolve("model");
        ClipConfig config = ModelFolder.readConfig(golden);
        int width = config.vision().hiddenSize();
        int headDim = width / config.vision().numAttentionHeads();
        int grid = config.vision().gridSize();
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        Map<String, NDArray> p = ModelFolder.readParameters(golden, config, manager);
        for (int l = 0; l < config.vision().numHiddenLayers(); l++) {
            String layer = "vision_model.encoder.layers." + l + ".";
            for (String name : List.of("self_attn.out_proj.weight", "self_attn.out_proj.bias", "mlp.fc2.weight", "mlp.fc2.bias")) {
                p.get(layer + name).muli(0);
            }
        }
        p.get("vision_model.embeddings.patch_embedding.weight").muli(0.2f);
        p.get("vision_model.embeddings.patch_embedding.bias").muli(0.2f);
        float[] position = p.get("vision_model.embeddings.position_embedding.weight").toFloatArray();
        for (int j = 0; j < grid * grid; j++) {
            position[j * width] = j % grid < grid / 2 ? 3 : -3;
        }
        p.get("vision_model.embeddings.position_embedding.weight").set(position);
        p.get("vision_model.post_layernorm.weight").muli(0).addi(1);
        p.get("vision_model.post_layernorm.bias").muli(0);
        // in_proj rows: query 0..w-1, key w..2w-1, value 2w..3w-1; every head's query is 1 on its first
        // channel, and that channel of every head's key is 20 x channel 0 of the token
        float[] inW = p.get("vision_model.head.attention.in_proj_weight").toFloatArray();
        float[] inB = p.get("vision_model.head.attention.in_proj_bias").toFloatArray();
        for (int row = 0; row < 2 * width; row++) {
            inB[row] = 0;
            for (int c = 0; c < width; c++) {
                inW[row * width + c] = 0;
            }
        }
        for (int h = 0; h * headDim < width; h++) {
            inB[h * headDim] = 1;
            inW[(width + h * headDim) * width] = 20;
        }
        p.get("vision_model.head.attention.in_proj_weight").set(inW);
        p.get("vision_model.head.attention.in_proj_bias").set(inB);
        model = dir.resolve("left-probe-siglip");
        try (ClipNetwork net = ClipNetwork.of(config, p, manager)) {
            ModelFolder.Writer writer = ModelFolder.writer(model).setNetwork(net)
                    .setTokenizerJson(Files.readString(golden.resolve(ModelFolder.TOKENIZER)))
                    .setPreprocessorConfigJson(Files.readString(golden.resolve(ModelFolder.PREPROCESSOR_CONFIG)))
                    .optFile(ModelFolder.TOKENIZER_CONFIG, Files.readString(golden.resolve(ModelFolder.TOKENIZER_CONFIG)));
            writer.write();
        }
    }

    /** The model's own input size, so that no resampling carries the right half into a left patch. */
    static final int SIDE = 16;

    static BufferedImage halves(java.awt.Color left, java.awt.Color right) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, SIDE / 2, SIDE);
        g.setColor(right);
        g.fillRect(SIDE / 2, 0, SIDE / 2, SIDE);
        g.dispose();
        return image;
    }

    @Test
    void theProbesRowPutsTheRelevanceOnTheHalfItPools() {
        BufferedImage picture = halves(RelevanceExplainerTest.LEFT[0], RelevanceExplainerTest.RIGHT[2]);
        List<String> texts = List.of("a red car", "a photo of a cat", "the small blue bird");
        List<Explanation> explanations;
        try (RelevanceExplainer explainer = RelevanceExplainer.load(model)) {
            explanations = explainer.explain(picture, texts);
        }
        try (ClipModel siglip = ClipModel.load(model)) {
            assertThat(siglip.config().family()).isEqualTo(ModelFamily.SIGLIP);
            float[][] images = siglip.encodeImages(List.of(picture,
                    halves(RelevanceExplainerTest.LEFT[0], RelevanceExplainerTest.RIGHT[0]),
                    halves(RelevanceExplainerTest.LEFT[2], RelevanceExplainerTest.RIGHT[2])));
            // the construction: the right half does not reach the embedding, the left half does
            assertThat(Similarity.cosine(images[0], images[1])).isCloseTo(1f, within(1e-5f));
            assertThat(Similarity.cosine(images[0], images[2])).isLessThan(0.9999f);
            float[][] vectors = siglip.encodeTexts(texts);
            for (int t = 0; t < texts.size(); t++) {
                assertThat(explanations.get(t).cosine()).isCloseTo(Similarity.cosine(images[0], vectors[t]), within(1e-4f));
            }
        }
        int lit = 0;
        for (Explanation e : explanations) {
            float[][] patches = e.patchMap();
            if (RelevanceFamiliesTest.max(patches) == 0) {
                continue; // no positive evidence for this text anywhere: nothing to place
            }
            lit++;
            int leftLit = 0;
            for (float[] row : patches) {
                for (int c = 0; c < patches.length / 2; c++) {
                    leftLit += row[c] > 0.05f ? 1 : 0;
                }
                for (int c = patches.length / 2; c < patches.length; c++) {
                    assertThat(row[c]).as("right-half patch for %s", e.text()).isLessThan(1e-3f);
                }
            }
            // the probe spreads over the pooled half (the encoder's identity alone would light one patch)
            assertThat(leftLit).as("left patches lit for %s", e.text()).isGreaterThanOrEqualTo(patches.length * patches.length / 4);
            float[][] map = e.imageMap();
            assertThat(map).hasNumberOfRows(SIDE);
            assertThat(map[0]).hasSize(SIDE);
            double left = 0;
            double right = 0;
            for (float[] row : map) {
                for (int c = 0; c < SIDE / 2; c++) {
                    left += row[c];
                    right += row[c + SIDE / 2];
                }
            }
            assertThat(left).as("left %s right %s for %s", left, right, e.text()).isGreaterThan(5 * right);
        }
        assertThat(lit).isPositive();
    }
}
