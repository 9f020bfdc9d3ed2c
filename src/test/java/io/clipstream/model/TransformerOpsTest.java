package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The encoder runs each block on a manager of its own: a call keeps one array per layer (the
 * block's output), not every intermediate of every layer until it ends, and computes the same
 * values as the blocks run unscoped (with an attention tap installed).
 */
class TransformerOpsTest {

    @Test
    void eachBlocksIntermediatesAreFreedWhenItReturnsAndTheOutputIsUnchanged() {
        ClipConfig config = TinyCheckpoints.config();
        ClipVisionConfig v = config.vision();
        try (ClipNetwork net = TinyCheckpoints.network(config, 5);
                NDManager call = net.manager().newSubManager()) {
            NDArray x = call.randomNormal(new Shape(3, 5, v.hiddenSize()));
            int before = ((BaseNDManager) call).getManagedArrays().size();
            NDArray scoped = TransformerOps.encoder(x, net.parameters(), "vision_model.encoder.layers.", v.numHiddenLayers(),
                    v.numAttentionHeads(), v.layerNormEps(), Activation.forName(v.hiddenAct()), null);
            // one output per layer is left on the call's manager; unscoped, each layer left about twenty arrays there
            assertThat(((BaseNDManager) call).getManagedArrays().size() - before).isEqualTo(v.numHiddenLayers());

            NDArray unscoped;
            try (AttentionTap.Installed t = AttentionTap.install(probs -> probs)) {
                unscoped = TransformerOps.encoder(x, net.parameters(), "vision_model.encoder.layers.", v.numHiddenLayers(),
                        v.numAttentionHeads(), v.layerNormEps(), Activation.forName(v.hiddenAct()), null);
            }
            assertThat(scoped.toFloatArray()).containsExactly(unscoped.toFloatArray());
            assertThat(x.getManager()).isSameAs(call);
        }
    }
}
