package io.clipstream.preprocess;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CLIP tokenisation over DJL's Hugging Face tokenizers, read offline from {@code tokenizer.json}.
 *
 * <p>Special tokens come from the file's post-processor. A text longer than the context length is
 * cut as CLIP cuts it: the beginning is kept and the end-of-text token stays the last token, which
 * is where the text tower pools. Rows are padded on the right (with the pad token of
 * {@code tokenizer_config.json} if one is named, else the end-of-text token) to the longest row.
 * Safe for concurrent use.
 */
public final class ClipTokenizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final int contextLength;
    private final long padId;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, long padId) {
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.padId = padId;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json} beside it, if present).
     *
     * @param contextLength the longest row, {@code max_position_embeddings} of the text tower
     */
    public static ClipTokenizer load(Path tokenizerJson, int contextLength) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("context length must be at least 2, got " + contextLength);
        }
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("Missing " + tokenizerJson.getFileName() + " in "
                    + tokenizerJson.toAbsolutePath().getParent());
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(true)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot load " + tokenizerJson + ": " + e.getMessage(), e);
        }
        try {
            return new ClipTokenizer(tokenizer, contextLength, padId(tokenizer, tokenizerJson));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Longest row this tokenizer produces. */
    public int contextLength() {
        return contextLength;
    }

    /** Id used for padding. */
    public long padId() {
        return padId;
    }

    /** Tokenises one text, cut to the context length, without padding. */
    public long[] encode(String text) {
        Encoding encoding = tokenizer.encode(Objects.requireNonNull(text, "text"), true, false);
        long[] ids = encoding.getIds();
        if (ids.length <= contextLength) {
            return ids;
        }
        long[] special = encoding.getSpecialTokenMask();
        long[] cut = Arrays.copyOf(ids, contextLength);
        if (special[special.length - 1] == 1) {
            cut[contextLength - 1] = ids[ids.length - 1];
        }
        return cut;
    }

    /** Tokenises a batch, padded on the right to its longest row. */
    public TokenBatch encode(List<String> texts) {
        long[][] rows = new long[texts.size()][];
        int length = 1;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = encode(texts.get(i));
            length = Math.max(length, rows[i].length);
        }
        long[][] ids = new long[rows.length][length];
        long[][] mask = new long[rows.length][length];
        for (int i = 0; i < rows.length; i++) {
            Arrays.fill(ids[i], padId);
            System.arraycopy(rows[i], 0, ids[i], 0, rows[i].length);
            Arrays.fill(mask[i], 0, rows[i].length, 1L);
        }
        return new TokenBatch(ids, mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** The pad token named by tokenizer_config.json if it resolves, else the end-of-text token. */
    private static long padId(HuggingFaceTokenizer tokenizer, Path tokenizerJson) {
        Path config = tokenizerJson.resolveSibling("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
            try {
                JsonNode pad = JSON.readTree(config.toFile()).path("pad_token");
                String token = pad.isObject() ? pad.path("content").asText(null) : pad.asText(null);
                if (token != null) {
                    Long id = tokenId(JSON.readTree(tokenizerJson.toFile()), token);
                    if (id != null) {
                        return id;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + config, e);
            }
        }
        long[] empty = tokenizer.encode("", true, false).getIds();
        return empty.length == 0 ? 0 : empty[empty.length - 1];
    }

    private static Long tokenId(JsonNode tokenizerJson, String token) {
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            if (token.equals(added.path("content").asText())) {
                return added.path("id").asLong();
            }
        }
        JsonNode id = tokenizerJson.path("model").path("vocab").path(token);
        return id.isNumber() ? id.asLong() : null;
    }
}
