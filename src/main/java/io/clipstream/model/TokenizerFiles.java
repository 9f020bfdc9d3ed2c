package io.clipstream.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.preprocess.ClipTokenizer;
import io.clipstream.preprocess.WordPieceTokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which tokenizer a model folder has, and loading it: {@code tokenizer.json} when present; else a
 * BERT {@code vocab.txt} (Chinese-CLIP), turned into the same definition transformers derives
 * from it; a SentencePiece-only folder ({@code spiece.model}, as the original SigLIP uploads) is
 * refused with the one-off command that writes an equivalent {@code tokenizer.json}
 * ({@code scripts/siglip/siglip_tokenizer_json.py}).
 */
public final class TokenizerFiles {
    /** SentencePiece model file of T5-style tokenizers. */
    public static final String SENTENCEPIECE = "spiece.model";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {}

    /** What {@link #load} would read: {@code tokenizer.json} or {@code vocab.txt (WordPiece)}. */
    public static String describe(Path dir) {
        if (Files.isRegularFile(dir.resolve(ModelFolder.TOKENIZER))) {
            return ModelFolder.TOKENIZER;
        }
        if (Files.isRegularFile(dir.resolve(WordPieceTokenizerJson.VOCAB))) {
            return WordPieceTokenizerJson.VOCAB + " (BERT WordPiece)";
        }
        return "none";
    }

    /**
     * The folder's tokenizer for a model of {@code config}: context length
     * {@code max_position_embeddings}, rows padded to it for SigLIP.
     *
     * @throws ModelLoadException when the folder has no usable tokenizer
     */
    public static ClipTokenizer load(Path dir, ClipConfig config) {
        int context = config.text().maxPositionEmbeddings();
        boolean padToContext = config.family() == ModelFamily.SIGLIP;
        Path json = dir.resolve(ModelFolder.TOKENIZER);
        Path tokenizerConfig = dir.resolve(ModelFolder.TOKENIZER_CONFIG);
        try {
            if (Files.isRegularFile(json)) {
                return ClipTokenizer.load(json, context, padToContext);
            }
            Path vocab = dir.resolve(WordPieceTokenizerJson.VOCAB);
            if (Files.isRegularFile(vocab)) {
                String definition = WordPieceTokenizerJson.fromVocab(vocab, lowerCase(tokenizerConfig));
                return ClipTokenizer.fromJson(definition, tokenizerConfig, context, padToContext);
            }
        } catch (RuntimeException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        if (Files.isRegularFile(dir.resolve(SENTENCEPIECE))) {
            // transformers' SiglipTokenizer runs SentencePiece in Python after its own text clean-up, and
            // save_pretrained writes no tokenizer.json; the project's script writes an equivalent one
            throw new ModelLoadException("Model folder " + dir.toAbsolutePath() + " has only " + SENTENCEPIECE
                    + " (a SentencePiece model, as the original SigLIP uploads) and no " + ModelFolder.TOKENIZER
                    + ", which clipstream reads. Write " + ModelFolder.TOKENIZER + " once with Python (pip install"
                    + " tokenizers sentencepiece protobuf): python scripts/siglip/siglip_tokenizer_json.py " + dir
                    + " (it tokenises as transformers' SiglipTokenizer: lower case, punctuation removed, </s> appended)");
        }
        throw new ModelLoadException("Missing " + ModelFolder.TOKENIZER + " in model folder " + dir.toAbsolutePath());
    }

    private static boolean lowerCase(Path tokenizerConfig) {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return true;
        }
        try {
            JsonNode root = JSON.readTree(tokenizerConfig.toFile());
            return root.path("do_lower_case").asBoolean(true);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + tokenizerConfig + ": " + e.getMessage(), e);
        }
    }
}
