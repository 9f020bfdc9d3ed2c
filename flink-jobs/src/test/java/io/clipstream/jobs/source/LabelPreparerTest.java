package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.align.PromptEnsemble;
import io.clipstream.jobs.encode.TinyModels;
import io.clipstream.jobs.event.LabelUpdate;
import java.util.List;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The label stage tokenises what the tagger encodes and passes the rest on as it came. */
class LabelPreparerTest {

    @Test
    void thePromptsOfAnUpdateAreTokenisedInOrderAndTheRestPassesUntouched() throws Exception {
        List<String> templates = List.of("a photo of a {}", "a sketch of the {}");
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(new LabelPreparer(TinyModels.dir().toString()))) {
            h.processElement(LabelUpdate.upsert("animals", "cat", templates), 1);
            h.processElement(LabelUpdate.upsert("animals", "dog", List.of()), 2);
            h.processElement(LabelUpdate.delete("animals", "car"), 3);
            h.processElement(LabelUpdate.upsert("animals", "cat", List.of("no placeholder")), 4);
            h.processElement(LabelUpdate.upsert("", "cat", List.of()), 5);
            List<LabelUpdate> out = h.extractOutputValues();
            assertThat(out).hasSize(5);
            assertThat(out.get(0).promptTokens).containsExactlyElementsOf(
                    PromptEnsemble.prompts("cat", templates).stream().map(TinyModels::tokens).toList());
            assertThat(out.get(1).promptTokens).singleElement()
                    .isEqualTo(TinyModels.tokens(LabelUpdate.DEFAULT_TEMPLATE.replace("{}", "dog")));
            // the tagger deletes or refuses these as before, without anything to encode
            assertThat(out.subList(2, 5)).allSatisfy(u -> assertThat(u.promptTokens).isEmpty());
            assertThat(out).extracting(u -> u.label).containsExactly("cat", "dog", "car", "cat", "cat");
            assertThat(h.getSideOutput(io.clipstream.jobs.deadletter.DeadLetters.TAG)).isNull();
        }
    }
}
