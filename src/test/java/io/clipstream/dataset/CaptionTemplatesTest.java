package io.clipstream.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionTemplatesTest {

    @Test
    void choosesTheArticleByTheFirstSound() {
        assertThat(CaptionTemplates.article("cat")).isEqualTo("a");
        assertThat(CaptionTemplates.article("apple")).isEqualTo("an");
        assertThat(CaptionTemplates.article("owl")).isEqualTo("an");
        assertThat(CaptionTemplates.article("unicorn")).isEqualTo("a");
        assertThat(CaptionTemplates.article("umbrella")).isEqualTo("an");
        assertThat(CaptionTemplates.article("one piece swimsuit")).isEqualTo("a");
        assertThat(CaptionTemplates.article("hourglass")).isEqualTo("an");
    }

    @Test
    void phrasesEveryNameWithEveryTemplate() {
        assertThat(CaptionTemplates.expand(List.of("cat", "apple"))).containsExactly(
                "a cat", "an emoji of a cat", "a picture of a cat", "a photo of a cat", "the cat",
                "an apple", "an emoji of an apple", "a picture of an apple", "a photo of an apple", "the apple");
    }
}
