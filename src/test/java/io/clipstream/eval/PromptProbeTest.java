package io.clipstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.model.ClipModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prompt probe on the bundled model and its held-out samples. */
class PromptProbeTest {

    private static final Path BUNDLED = Path.of("").toAbsolutePath().getParent().resolve("models/clipstream-emoji-small");

    @Test
    void scoresEachNamedImageAgainstThePromptsOfTheWordsThatNameAnImage() throws Exception {
        CaptionDataset samples = CaptionDataset.load(BUNDLED.resolve("samples"));
        PromptProbe.Result result;
        try (ClipModel model = ClipModel.load(BUNDLED)) {
            result = PromptProbe.run(model, samples, List.of("tiger", "goat", "zebra", "bird"), "{a} {}");
        }
        // no sample is a zebra: its prompt is no candidate
        assertThat(result.prompts()).containsExactly("a tiger", "a goat", "a bird");
        assertThat(result.rows()).extracting(PromptProbe.Row::label).containsExactly("tiger", "goat", "bird");
        assertThat(result.rows()).extracting(PromptProbe.Row::word).containsExactly("a tiger", "a goat", "a bird");
        for (PromptProbe.Row row : result.rows()) {
            assertThat(row.probability()).isBetween(0f, 1f);
            assertThat(row.rank()).isBetween(1, 3);
            assertThat(row.rank() == 1).isEqualTo(row.top().equals(row.word()));
        }
        double firsts = result.rows().stream().filter(r -> r.rank() == 1).count();
        assertThat(result.accuracy()).isCloseTo(firsts / 3, within(1e-9));
        assertThat(result.table()).contains("| tiger | a tiger |", "prompts (3): a tiger, a goat, a bird");
    }
}
