package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTokenizerBuilderTest {

    @TempDir Path dir;

    @Test
    void vocabularyPutsSpecialTokensFirstAndWordsByFrequency() {
        Map<String, Integer> vocab = WordTokenizerBuilder.vocabulary(List.of("grinning face", "Face with tears", "keycap: *"), 1);
        assertThat(vocab).containsEntry(WordTokenizerBuilder.PAD, 0).containsEntry(WordTokenizerBuilder.UNK, 1)
                .containsEntry(WordTokenizerBuilder.BOS, 2).containsEntry(WordTokenizerBuilder.EOS, WordTokenizerBuilder.EOS_ID)
                .containsEntry("face", 4).containsKeys("grinning", "with", "tears", "keycap", ":", "*");
        assertThat(vocab).hasSize(4 + 7);
    }

    @Test
    void djlLoadsTheWrittenTokenizerAndWrapsWordsInStartAndEnd() throws Exception {
        Map<String, Integer> vocab = WordTokenizerBuilder.vocabulary(List.of("grinning face", "red heart", "keycap: *"), 1);
        Path file = dir.resolve("tokenizer.json");
        WordTokenizerBuilder.write(vocab, 6, file);
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                .optMaxLength(6).optPadToMaxLength().optTruncation(true).build()) {
            Encoding e = tok.encode("Grinning FACE: zebra");
            long[] ids = e.getIds();
            assertThat(ids).containsExactly(2, vocab.get("grinning"), vocab.get("face"), vocab.get(":"), 1, 3);
            Encoding shortOne = tok.encode("red heart");
            assertThat(shortOne.getIds()).containsExactly(2, vocab.get("red"), vocab.get("heart"), 3, 0, 0);
            assertThat(tok.encode("keycap: * red heart grinning face").getIds()).hasSize(6).endsWith(3);
        }
    }
}
