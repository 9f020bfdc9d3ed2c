package io.clipstream.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {
    // ids of the small WordLevel vocabulary written below
    private static final long BOS = 0;
    private static final long UNK = 1;
    private static final long EOS = 12;

    @TempDir Path tmp;

    private Path tokenizerJson() throws Exception {
        Path file = tmp.resolve("tokenizer.json");
        String words = "\"a\":2,\"photo\":3,\"of\":4,\"cat\":5,\"dog\":6,\"car\":7,\"red\":8,\"blue\":9,\"big\":10,\"small\":11";
        String special = "{\"id\":%d,\"content\":\"%s\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":["
                + String.format(special, BOS, "<|startoftext|>") + "," + String.format(special, EOS, "<|endoftext|>") + "],"
                + "\"normalizer\":{\"type\":\"Lowercase\"},\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"<|startoftext|>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                + "{\"SpecialToken\":{\"id\":\"<|endoftext|>\",\"type_id\":0}}],"
                + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"<|startoftext|>\":{\"id\":\"<|startoftext|>\",\"ids\":[0],\"tokens\":[\"<|startoftext|>\"]},"
                + "\"<|endoftext|>\":{\"id\":\"<|endoftext|>\",\"ids\":[12],\"tokens\":[\"<|endoftext|>\"]}}},"
                + "\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"unk_token\":\"<unk>\",\"vocab\":{\"<|startoftext|>\":0,\"<unk>\":1,"
                + words + ",\"<|endoftext|>\":12}}}";
        Files.writeString(file, json);
        return file;
    }

    @Test
    void addsSpecialTokensLowercasesAndMapsUnknownWords() throws Exception {
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerJson(), 8)) {
            assertThat(tokenizer.encode("A Photo of a CAT")).containsExactly(BOS, 2, 3, 4, 2, 5, EOS);
            assertThat(tokenizer.encode("zebra")).containsExactly(BOS, UNK, EOS);
            assertThat(tokenizer.encode("")).containsExactly(BOS, EOS);
        }
    }

    @Test
    void truncatesKeepingEndOfTextLast() throws Exception {
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerJson(), 5)) {
            assertThat(tokenizer.encode("a big red car of a dog")).containsExactly(BOS, 2, 10, 8, EOS);
            assertThat(tokenizer.encode("a big red")).containsExactly(BOS, 2, 10, 8, EOS);
        }
    }

    @Test
    void padsBatchOnTheRightWithMask() throws Exception {
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerJson(), 77)) {
            assertThat(tokenizer.padId()).isEqualTo(EOS);
            TokenBatch batch = tokenizer.encode(List.of("dog", "a red car"));
            assertThat(batch.size()).isEqualTo(2);
            assertThat(batch.length()).isEqualTo(5);
            assertThat(batch.ids()[0]).containsExactly(BOS, 6, EOS, EOS, EOS);
            assertThat(batch.mask()[0]).containsExactly(1, 1, 1, 0, 0);
            assertThat(batch.ids()[1]).containsExactly(BOS, 2, 8, 7, EOS);
            assertThat(batch.mask()[1]).containsExactly(1, 1, 1, 1, 1);
            assertThat(batch.flatIds()).containsExactly(BOS, 6, EOS, EOS, EOS, BOS, 2, 8, 7, EOS);
        }
    }

    @Test
    void rowsTokenisedEarlierArePaddedAsTheirTextsWouldBe() throws Exception {
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerJson(), 5);
                ClipTokenizer toContext = ClipTokenizer.load(tokenizerJson(), 6, true)) {
            List<String> texts = List.of("dog", "a red car and more words than fit");
            for (ClipTokenizer t : List.of(tokenizer, toContext)) {
                TokenBatch padded = t.pad(List.of(t.encode(texts.get(0)), t.encode(texts.get(1))));
                TokenBatch direct = t.encode(texts);
                assertThat(padded.ids()).isDeepEqualTo(direct.ids());
                assertThat(padded.mask()).isDeepEqualTo(direct.mask());
            }
            assertThat(toContext.pad(List.of(toContext.encode("dog"))).length()).isEqualTo(6);
            assertThatThrownBy(() -> tokenizer.pad(List.of(new long[6])))
                    .hasMessageContaining("longer than the context length 5");
        }
    }

    @Test
    void padTokenFromTokenizerConfigWins() throws Exception {
        Path json = tokenizerJson();
        Files.writeString(tmp.resolve("tokenizer_config.json"), "{\"pad_token\": \"<unk>\"}");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(json, 77)) {
            assertThat(tokenizer.padId()).isEqualTo(UNK);
            assertThat(tokenizer.encode(List.of("dog", "a red car")).ids()[0]).containsExactly(BOS, 6, EOS, UNK, UNK);
        }
    }

    @Test
    void missingOrBrokenFileIsNamed() throws Exception {
        assertThatThrownBy(() -> ClipTokenizer.load(tmp.resolve("tokenizer.json"), 77))
                .hasMessageContaining("Missing tokenizer.json");
        Files.writeString(tmp.resolve("tokenizer.json"), "{not json");
        assertThatThrownBy(() -> ClipTokenizer.load(tmp.resolve("tokenizer.json"), 77))
                .hasMessageContaining("Cannot load");
    }
}
