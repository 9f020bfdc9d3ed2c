package io.clipstream.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.preprocess.ClipTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomCheckpointTest {
    // the vocabulary of the words below: <|startoftext|>=0, <unk>=1, the words from 2 in order, <|endoftext|> last
    private static final List<String> WORDS = List.of("red", "square", "blue", "circle");
    private static final long BOS = 0;
    private static final long UNK = 1;
    private static final long EOS = 6;

    @Test
    void theTokenizerLowercasesSplitsOnWhitespaceAndFramesEveryTextWithStartAndEnd() {
        try (ClipTokenizer tokenizer = ClipTokenizer.fromJson(RandomCheckpoint.tokenizerJson(WORDS), null, 32, false)) {
            assertThat(tokenizer.encode("red square")).containsExactly(BOS, 2, 3, EOS);
            assertThat(tokenizer.encode("Blue CIRCLE")).containsExactly(BOS, 4, 5, EOS);
            assertThat(tokenizer.encode("a green circle")).containsExactly(BOS, UNK, UNK, 5, EOS);
            assertThat(tokenizer.encode("")).containsExactly(BOS, EOS);
            assertThat(tokenizer.padId()).isEqualTo(EOS);
        }
    }
}
