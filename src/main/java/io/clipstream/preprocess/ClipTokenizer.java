package io.clipstream.preprocess;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Tokenisation over DJL's Hugging Face tokenizers, read offline from {@code tokenizer.json} (or
 * from a definition built in memory, e.g. {@link WordPieceTokenizerJson} for a BERT
 * {@code vocab.txt}).
 *
 * <p>Special tokens come from the file's post-processor. A text longer than the context length is
 * cut as transformers cuts it ({@code truncation=True}): the beginning is kept and a closing
 * special token (CLIP's end of text, SigLIP's {@code </s>}, BERT's {@code [SEP]}) stays the last
 * token. Rows are padded on the right (with the pad token of {@code tokenizer_config.json} if one
 * is named, else the closing token) to the longest row, or to the context length for a model used
 * with {@code padding="max_length"} (SigLIP). Safe for concurrent use.
 */
public final class ClipTokenizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final int contextLength;
    private final long padId;
    private final boolean padToContext;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, long padId, boolean padToContext) {
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.padId = padId;
        this.padToContext = padToContext;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json} beside it, if present).
     *
     * @param contextLength the longest row, {@code max_position_embeddings} of the text tower
     */
    public static ClipTokenizer load(Path tokenizerJson, int contextLength) {
        return load(tokenizerJson, contextLength, false);
    }

    /**
     * Like {@link #load(Path, int)}; with {@code padToContext} every row is padded to the context
     * length, as SigLIP's checkpoints are used.
     */
    public static ClipTokenizer load(Path tokenizerJson, int contextLength, boolean padToContext) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("Missing " + tokenizerJson.getFileName() + " in "
                    + tokenizerJson.toAbsolutePath().getParent());
        }
        String json;
        try {
            json = Files.readString(tokenizerJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot load " + tokenizerJson + ": " + e.getMessage(), e);
        }
        return fromJson(json, tokenizerJson.resolveSibling("tokenizer_config.json"), contextLength, padToContext);
    }

    /**
     * A tokenizer from the text of a {@code tokenizer.json}.
     *
     * @param tokenizerConfig {@code tokenizer_config.json}, read for its pad token when it exists
     */
    public static ClipTokenizer fromJson(String tokenizerJson, Path tokenizerConfig, int contextLength,
                                         boolean padToContext) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("context length must be at least 2, got " + contextLength);
        }
        HuggingFaceTokenizer tokenizer;
        try (java.io.InputStream in = new java.io.ByteArrayInputStream(
                tokenizerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, java.util.Map.of(
                    "addSpecialTokens", "true", "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot load tokenizer: " + e.getMessage(), e);
        }
        try {
            return new ClipTokenizer(tokenizer, contextLength, padId(tokenizer, tokenizerJson, tokenizerConfig),
                    padToContext);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Whether every row is padded to the context length. */
    public boolean padsToContext() {
        return padToContext;
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

    /**
     * The tokenizer's own encoding of one text (its tokens and special-token mask, for showing
     * tokens beside their ids): special tokens added, neither cut to the context nor padded.
     */
    public Encoding encoding(String text) {
        return tokenizer.encode(Objects.requireNonNull(text, "text"), true, false);
    }

    /** Tokenises a batch, padded on the right to its longest row. */
    public TokenBatch encode(List<String> texts) {
        List<long[]> rows = new ArrayList<>(texts.size());
        for (String text : texts) {
            rows.add(encode(text));
        }
        return pad(rows);
    }

    /**
     * Pads rows that {@link #encode(String)} gave (in an earlier pipeline stage, say) into one
     * batch, exactly as {@link #encode(List)} pads the texts they came from: on the right with
     * {@link #padId()}, to the longest row, or to the context length when this tokenizer
     * {@linkplain #padsToContext() pads to it}.
     */
    public TokenBatch pad(List<long[]> rows) {
        int length = padToContext ? contextLength : 1;
        for (long[] row : rows) {
            if (row.length > contextLength) {
                throw new IllegalArgumentException("a row of " + row.length + " tokens is longer than the context length "
                        + contextLength);
            }
            length = Math.max(length, row.length);
        }
        long[][] ids = new long[rows.size()][length];
        long[][] mask = new long[rows.size()][length];
        for (int i = 0; i < ids.length; i++) {
            long[] row = rows.get(i);
            Arrays.fill(ids[i], padId);
            System.arraycopy(row, 0, ids[i], 0, row.length);
            Arrays.fill(mask[i], 0, row.length, 1L);
        }
        return new TokenBatch(ids, mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** The pad token named by tokenizer_config.json if it resolves, else the end-of-text token. */
    private static long padId(HuggingFaceTokenizer tokenizer, String tokenizerJson, Path config) {
        if (config != null && Files.isRegularFile(config)) {
            try {
                JsonNode pad = JSON.readTree(config.toFile()).path("pad_token");
                String token = pad.isObject() ? pad.path("content").asText(null) : pad.asText(null);
                if (token != null) {
                    Long id = tokenId(JSON.readTree(tokenizerJson), token);
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
