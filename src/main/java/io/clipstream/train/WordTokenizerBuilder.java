package io.clipstream.train;

import io.clipstream.preprocess.WordLevelTokenizerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a word-level {@code tokenizer.json} (the Hugging Face tokenizers format, loadable by DJL's
 * {@code HuggingFaceTokenizer}) for a model trained from scratch on a small caption set.
 *
 * <p>The tokenizer lowercases (after NFC), splits on whitespace and punctuation, maps each word to
 * its id or {@code [UNK]}, and wraps the sequence in {@code <|startoftext|>} ... {@code <|endoftext|>}.
 * A word-level vocabulary is enough for a closed caption vocabulary such as emoji names and keeps
 * the text tower's embedding table small. Ids of the special tokens are fixed: {@code <|pad|>}=0
 * (padding uses it, and 0 is also the tokenizers library's default pad id), {@code [UNK]}=1,
 * {@code <|startoftext|>}=2, {@code <|endoftext|>}=3; words follow by falling frequency.
 */
public final class WordTokenizerBuilder {

    /** Padding token, id 0. */
    public static final String PAD = "<|pad|>";
    /** Unknown-word token, id 1. */
    public static final String UNK = "[UNK]";
    /** Start-of-text token, id 2. */
    public static final String BOS = "<|startoftext|>";
    /** End-of-text token, id 3: the text tower pools at its first occurrence. */
    public static final String EOS = "<|endoftext|>";
    /** Id of {@link #EOS}; goes into {@code text_config.eos_token_id}. */
    public static final int EOS_ID = 3;
    /** Id of {@link #BOS}. */
    public static final int BOS_ID = 2;
    /** Id of {@link #PAD}. */
    public static final int PAD_ID = 0;

    private static final List<String> SPECIALS = List.of(PAD, UNK, BOS, EOS);
    // mirrors the tokenizers library's BertPreTokenizer closely enough for caption words
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+|[^\\s\\p{L}\\p{N}\\p{M}]");

    private WordTokenizerBuilder() {}

    /** Words of a caption as the written tokenizer will split them (lowercased, NFC). */
    public static List<String> words(String caption) {
        String norm = Normalizer.normalize(caption, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(norm);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Vocabulary of the captions: special tokens first, then words seen at least {@code minCount} times. */
    public static Map<String, Integer> vocabulary(Collection<String> captions, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String c : captions) {
            for (String w : words(c)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        SPECIALS.forEach(s -> vocab.put(s, vocab.size()));
        counts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount && !vocab.containsKey(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> vocab.put(e.getKey(), vocab.size()));
        return vocab;
    }

    /** Writes {@code tokenizer.json} for the vocabulary, truncating to {@code maxLength} tokens including start and end. */
    public static void write(Map<String, Integer> vocab, int maxLength, Path file) throws IOException {
        String json = WordLevelTokenizerJson.builder(vocab).setBos(BOS).setEos(EOS).setUnk(UNK).optSpecials(SPECIALS)
                .optNormalizers(List.of("NFC", "Lowercase")).optPreTokenizer("BertPreTokenizer").optMaxLength(maxLength)
                .optEosBetweenPairs(true).optWordPieceDecoder(true).build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json);
    }
}
