package io.clipstream.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tokenizer.json} that transformers' {@code BertTokenizerFast} derives from a BERT
 * {@code vocab.txt}, for folders that ship only the vocabulary (Chinese-CLIP's do): the BERT
 * normaliser (clean text, every CJK character its own word, lower-casing), BERT pre-tokenisation,
 * WordPiece with {@code ##} continuations, and {@code [CLS] text [SEP]} around every text. The
 * Hugging Face tokenizers library then tokenises exactly as for a shipped {@code tokenizer.json}.
 */
public final class WordPieceTokenizerJson {
    /** File name of the vocabulary in a model folder. */
    public static final String VOCAB = "vocab.txt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private WordPieceTokenizerJson() {}

    /**
     * The tokenizer definition for {@code vocabTxt} (one token a line, the line number its id; a
     * later duplicate wins, as in transformers).
     *
     * @param lowerCase {@code do_lower_case} of {@code tokenizer_config.json} (BERT's default: true)
     */
    public static String fromVocab(Path vocabTxt, boolean lowerCase) {
        List<String> lines;
        try {
            lines = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + vocabTxt, e);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i).strip();
            if (!token.isEmpty() || i < lines.size() - 1) {
                vocab.put(token, i);
            }
        }
        for (String special : List.of("[UNK]", "[CLS]", "[SEP]")) {
            if (!vocab.containsKey(special)) {
                throw new IllegalArgumentException(vocabTxt + " has no " + special + " token; is it a BERT vocabulary?");
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : SPECIALS) {
            if (vocab.containsKey(special)) {
                ObjectNode t = added.addObject();
                t.put("id", vocab.get(special));
                t.put("content", special);
                t.put("single_word", false);
                t.put("lstrip", false);
                t.put("rstrip", false);
                t.put("normalized", false);
                t.put("special", true);
            }
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer");
        normalizer.put("clean_text", true);
        normalizer.put("handle_chinese_chars", true);
        normalizer.putNull("strip_accents");
        normalizer.put("lowercase", lowerCase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addAll(single.deepCopy());
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode t = specials.putObject(s);
            t.put("id", s);
            t.putArray("ids").add(vocab.get(s));
            t.putArray("tokens").add(s);
        }
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "WordPiece");
        decoder.put("prefix", "##");
        decoder.put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
