package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipNetworkTest {

    @TempDir Path tmp;

    @Test
    void parametersAreNamedAndOrderedAsTransformers() {
        ClipConfig config = TinyCheckpoints.config();
        try (ClipNetwork net = ClipNetwork.random(config, 1, Device.cpu())) {
            Map<String, NDArray> p = net.parameters();
            assertThat(p.keySet()).containsExactlyElementsOf(ParameterLayout.of(config).keySet());
            assertThat(p).containsKeys("vision_model.pre_layrnorm.weight", "text_model.encoder.layers.1.mlp.fc2.bias",
                    "visual_projection.weight", "text_projection.weight", "logit_scale");
            assertThat(p.get("logit_scale").getFloat()).isCloseTo(2.6592f, within(1e-6f));
            assertThat(p.get("text_model.final_layer_norm.weight").toFloatArray()).containsOnly(1f);
            assertThat(p.get("text_model.encoder.layers.0.self_attn.q_proj.bias").toFloatArray()).containsOnly(0f);
            float[] emb = p.get("text_model.embeddings.token_embedding.weight").toFloatArray();
            double var = 0;
            for (float v : emb) {
                var += v * v;
            }
            // std 0.02 within sampling noise of 208 values
            assertThat(Math.sqrt(var / emb.length)).isBetween(0.015, 0.025);
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        ClipConfig config = TinyCheckpoints.config();
        try (ClipNetwork a = ClipNetwork.random(config, 7, Device.cpu());
             ClipNetwork b = ClipNetwork.random(config, 7, Device.cpu());
             ClipNetwork c = ClipNetwork.random(config, 8, Device.cpu())) {
            String name = "vision_model.encoder.layers.0.mlp.fc1.weight";
            assertThat(a.parameters().get(name).toFloatArray()).containsExactly(b.parameters().get(name).toFloatArray());
            assertThat(a.parameters().get(name).toFloatArray()).isNotEqualTo(c.parameters().get(name).toFloatArray());
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        ClipConfig config = TinyCheckpoints.config();
        try (ClipNetwork net = TinyCheckpoints.network(config, 3);
             NDManager step = net.manager().newSubManager()) {
            net.parameters().values().forEach(p -> p.setRequiresGradient(true));
            NDArray pixels = step.randomNormal(new Shape(2, 3, 16, 16));
            NDArray ids = step.create(new long[][] {{0, 3, 4, TinyCheckpoints.EOS}, {0, 5, TinyCheckpoints.EOS, TinyCheckpoints.EOS}});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray img = net.imageFeatures(pixels);
                NDArray txt = net.textFeatures(ids);
                assertThat(img.getShape()).isEqualTo(new Shape(2, 8));
                assertThat(txt.getShape()).isEqualTo(new Shape(2, 8));
                NDArray loss = img.matMul(txt.transpose()).mul(net.logitScale().exp()).sum();
                gc.backward(loss);
            }
            for (var e : net.parameters().entrySet()) {
                String name = e.getKey();
                float[] grad = e.getValue().getGradient().toFloatArray();
                double norm = 0;
                for (float g : grad) {
                    norm += Math.abs(g);
                }
                assertThat(norm).as(name).isGreaterThan(0);
            }
        }
    }

    @Test
    void inferenceRecordsNoGradient() {
        try (ClipNetwork net = TinyCheckpoints.network(TinyCheckpoints.config(), 3);
             NDManager call = net.manager().newSubManager()) {
            NDArray img = net.imageFeatures(call.zeros(new Shape(1, 3, 16, 16)));
            NDArray txt = net.textFeatures(call.create(new long[][] {{0, 3, TinyCheckpoints.EOS}}));
            assertThat(img.hasGradient()).isFalse();
            assertThat(txt.hasGradient()).isFalse();
        }
    }

    @Test
    void writerRefusesParametersThatDoNotMatchTheConfig() {
        ClipConfig config = TinyCheckpoints.config();
        ClipConfig wider = new ClipConfig(config.text(), config.vision(), 12, 2.6592);
        try (ClipNetwork net = ClipNetwork.random(config, 1, Device.cpu())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFolder.writer(tmp.resolve("w"))
                            .setParameters(wider, net.parameters()).setTokenizerJson("{}").setPreprocessorConfigJson("{}").write())
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("'visual_projection.weight' has shape (8, 16) but config.json expects (12, 16)");
        }
    }

    @Test
    void writtenFolderLoadsBackIdentically() {
        ClipConfig config = TinyCheckpoints.config("gelu", TinyCheckpoints.EOS);
        Path dir = TinyCheckpoints.write(tmp.resolve("m"), config, 11);
        try (ClipNetwork original = TinyCheckpoints.network(config, 11);
             ClipNetwork loaded = ClipNetwork.load(dir, Device.cpu())) {
            assertThat(loaded.config()).isEqualTo(config);
            for (String name : original.parameters().keySet()) {
                assertThat(loaded.parameters().get(name).toFloatArray()).as(name)
                        .containsExactly(original.parameters().get(name).toFloatArray());
            }
        }
    }
}
