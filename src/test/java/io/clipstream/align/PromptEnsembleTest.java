package io.clipstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptEnsembleTest {

    @Test
    void templatesAreFilledAndTheDefaultStandsInForNone() {
        assertThat(PromptEnsemble.prompts("cat", List.of("a {}", "two {}s"))).containsExactly("a cat", "two cats");
        assertThat(PromptEnsemble.prompts("cat", List.of())).containsExactly("a photo of a cat");
        assertThatThrownBy(() -> PromptEnsemble.fill("no placeholder", "cat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{}");
    }

    @Test
    void theEnsembleIsTheUnitLengthMeanOfItsRange() {
        float[][] vectors = {{9, 9}, {1, 0}, {0, 1}, {9, -9}};
        float[] mean = PromptEnsemble.meanNormalised(vectors, 1, 2);
        float r = (float) Math.sqrt(0.5);
        assertThat(mean[0]).isCloseTo(r, offset(1e-6f));
        assertThat(mean[1]).isCloseTo(r, offset(1e-6f));
        float[] one = PromptEnsemble.meanNormalised(new float[][] {{3, 4}});
        assertThat(one[0]).isCloseTo(0.6f, offset(1e-6f));
        assertThat(one[1]).isCloseTo(0.8f, offset(1e-6f));
    }
}
