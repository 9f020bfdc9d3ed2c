package io.clipstream.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a word-level {@code tokenizer.json} (the Hugging Face tokenizers format, loadable by DJL's
 * {@code HuggingFaceTokenizer}): a fixed vocabulary, a normaliser, a pre-tokenizer, and
 * {@code bos text eos} around every text. The one writer of this format in the project.
 *
 * <pre>{@code
 * String json = WordLevelTokenizerJson.builder(vocab)
 *         .setBos("<|startoftext|>").setEos("<|endoftext|>").setUnk("[UNK]")
 *         .optNormalizers(List.of("NFC", "Lowercase")).optPreTokenizer("BertPreTokenizer")
 *         .optMaxLength(16).build();
 * }</pre>
 */
public final class WordLevelTokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WordLevelTokenizerJson() {}

    /** A writer for {@code vocab} (token to id; the special tokens included). */
    public static Builder builder(Map<String, ? extends Number> vocab) {
        return new Builder(vocab);
    }

    /** Options of the written file; {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private final Map<String, Long> vocab = new LinkedHashMap<>();
        private String bos;
        private String eos;
        private String unk;
        private List<String> specials;
        private List<String> normalizers = List.of("Lowercase");
        private String preTokenizer = "Whitespace";
        private int maxLength;
        private boolean eosBetweenPairs;
        private boolean wordPieceDecoder;

        private Builder(Map<String, ? extends Number> vocab) {
            vocab.forEach((token, id) -> this.vocab.put(token, id.longValue()));
        }

        /** Start-of-text token, in the vocabulary. */
        public Builder setBos(String token) {
            this.bos = token;
            return this;
        }

        /** End-of-text token, in the vocabulary. */
        public Builder setEos(String token) {
            this.eos = token;
            return this;
        }

        /** Token of words not in the vocabulary. */
        public Builder setUnk(String token) {
            this.unk = token;
            return this;
        }

        /** The added (special) tokens, in order; default: the start and end tokens. */
        public Builder optSpecials(List<String> tokens) {
            this.specials = List.copyOf(tokens);
            return this;
        }

        /** Normaliser types applied in order ({@code NFC}, {@code Lowercase}, ...); default: {@code Lowercase}. */
        public Builder optNormalizers(List<String> types) {
            this.normalizers = List.copyOf(types);
            return this;
        }

        /** Pre-tokenizer type ({@code Whitespace}, {@code BertPreTokenizer}); default: {@code Whitespace}. */
        public Builder optPreTokenizer(String type) {
            this.preTokenizer = type;
            return this;
        }

        /** Truncation to this many tokens, start and end included; default: none. */
        public Builder optMaxLength(int tokens) {
            this.maxLength = tokens;
            return this;
        }

        /** Pairs as {@code bos A eos B eos} instead of {@code bos A B eos}. */
        public Builder optEosBetweenPairs(boolean on) {
            this.eosBetweenPairs = on;
            return this;
        }

        /** A WordPiece decoder ({@code ##} prefix) instead of none. */
        public Builder optWordPieceDecoder(boolean on) {
            this.wordPieceDecoder = on;
            return this;
        }

        /** The file's text. */
        public String build() {
            Objects.requireNonNull(bos, "bos");
            Objects.requireNonNull(eos, "eos");
            Objects.requireNonNull(unk, "unk");
            for (String t : List.of(bos, eos)) {
                if (!vocab.containsKey(t)) {
                    throw new IllegalArgumentException("special token " + t + " is not in the vocabulary");
                }
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("version", "1.0");
            if (maxLength > 0) {
                ObjectNode truncation = root.putObject("truncation");
                truncation.put("direction", "Right");
                truncation.put("max_length", maxLength);
                truncation.put("strategy", "LongestFirst");
                truncation.put("stride", 0);
            } else {
                root.putNull("truncation");
            }
            root.putNull("padding");
            ArrayNode added = root.putArray("added_tokens");
            for (String s : specials != null ? specials : List.of(bos, eos)) {
                added.addObject().put("id", vocab.get(s)).put("content", s).put("single_word", false)
                        .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
            }
            if (normalizers.size() == 1) {
                root.putObject("normalizer").put("type", normalizers.get(0));
            } else {
                ObjectNode normalizer = root.putObject("normalizer");
                normalizer.put("type", "Sequence");
                ArrayNode list = normalizer.putArray("normalizers");
                normalizers.forEach(n -> list.addObject().put("type", n));
            }
            root.putObject("pre_tokenizer").put("type", preTokenizer);
            ObjectNode post = root.putObject("post_processor");
            post.put("type", "TemplateProcessing");
            ArrayNode single = post.putArray("single");
            special(single, bos);
            sequence(single, "A");
            special(single, eos);
            ArrayNode pair = post.putArray("pair");
            special(pair, bos);
            sequence(pair, "A");
            if (eosBetweenPairs) {
                special(pair, eos);
            }
            sequence(pair, "B");
            special(pair, eos);
            ObjectNode specialTokens = post.putObject("special_tokens");
            for (String s : List.of(bos, eos)) {
                ObjectNode t = specialTokens.putObject(s);
                t.put("id", s);
                t.putArray("ids").add(vocab.get(s));
                t.putArray("tokens").add(s);
            }
            if (wordPieceDecoder) {
                root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
            } else {
                root.putNull("decoder");
            }
            ObjectNode model = root.putObject("model");
            model.put("type", "WordLevel");
            ObjectNode v = model.putObject("vocab");
            vocab.forEach(v::put);
            model.put("unk_token", unk);
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void special(ArrayNode template, String token) {
            template.addObject().putObject("SpecialToken").put("id", token).put("type_id", 0);
        }

        private static void sequence(ArrayNode template, String id) {
            template.addObject().putObject("Sequence").put("id", id).put("type_id", 0);
        }
    }
}
