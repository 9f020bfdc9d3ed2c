package io.clipstream.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Synonym replacement from the WordNet data on the class path. */
class SynonymReplacerTest {

    private static final SynonymReplacer WORDNET = SynonymReplacer.wordNet();

    @Test
    void wordNetKnowsTheUsualSynonyms() {
        assertThat(WORDNET.synonyms("car")).contains("auto", "automobile").doesNotContain("car");
        assertThat(WORDNET.synonyms("Happy")).contains("felicitous");
        assertThat(WORDNET.synonyms("qwzxv")).isEmpty();
    }

    @Test
    void probabilityOneReplacesEveryKnownWordAndZeroNone() {
        String out = WORDNET.augment("car qwzxv 42", 1.0, new Random(1));
        String[] words = out.split(" ");
        assertThat(WORDNET.synonyms("car")).contains(out.substring(0, out.indexOf(" qwzxv")));
        assertThat(words[words.length - 2]).isEqualTo("qwzxv");
        assertThat(words[words.length - 1]).isEqualTo("42");
        assertThat(WORDNET.augment("a happy car", 0.0, new Random(1))).isEqualTo("a happy car");
    }

    @Test
    void theSameSeedGivesTheSameText() {
        String a = WORDNET.augment("a big happy dog in a small car", 0.5, new Random(9));
        String b = WORDNET.augment("a big happy dog in a small car", 0.5, new Random(9));
        assertThat(a).isEqualTo(b);
        boolean changed = false;
        for (int seed = 0; seed < 5; seed++) {
            changed |= !WORDNET.augment("a big happy dog in a small car", 0.5, new Random(seed)).equals("a big happy dog in a small car");
        }
        assertThat(changed).isTrue();
    }
}
