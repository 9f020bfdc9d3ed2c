package io.clipstream.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the captions of one emoji: its name (lowercased), its short names with {@code _} read as
 * a space, then its emojilib keywords. Duplicates and short names or keywords that do not start
 * with a letter or digit (emoticons such as ":D", "+1") are dropped: they carry no words for a
 * word-level tokenizer. The name and short names are then phrased as people write captions
 * ({@link CaptionTemplates}: "a cat", "an emoji of a cat", ...).
 */
final class EmojiCaptions {

    private final Map<String, List<String>> keywords;

    /** @param keywords emojilib's map from the emoji's characters to its keywords */
    EmojiCaptions(Map<String, List<String>> keywords) {
        this.keywords = keywords;
    }

    /** The label of an emoji: its lowercased name, or its first short name when it has none. */
    static String label(JsonNode emoji) {
        String name = emoji.path("name").asText("");
        if (name.isBlank()) {
            name = emoji.path("short_name").asText("").replace('_', ' ');
        }
        return clean(name);
    }

    List<String> captions(JsonNode emoji) {
        Set<String> out = new LinkedHashSet<>();
        String label = label(emoji);
        if (!label.isEmpty()) {
            out.add(label);
        }
        for (JsonNode s : emoji.path("short_names")) {
            add(out, s.asText().replace('_', ' '));
        }
        List<String> names = new ArrayList<>(out);
        for (String key : new String[] {emoji.path("unified").asText(""), emoji.path("non_qualified").asText("")}) {
            List<String> words = keywords.get(characters(key));
            if (words == null) {
                words = keywords.get(characters(key.replace("-FE0F", "")));
            }
            if (words != null) {
                words.forEach(w -> add(out, w.replace('_', ' ')));
                break;
            }
        }
        CaptionTemplates.expand(names).forEach(out::add);
        return new ArrayList<>(out);
    }

    /** The emoji itself from its dash-separated hexadecimal code points ("1F1EA-1F1EC"). */
    static String characters(String unified) {
        if (unified == null || unified.isBlank() || unified.equals("null")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String hex : unified.split("-")) {
            sb.appendCodePoint(Integer.parseInt(hex, 16));
        }
        return sb.toString();
    }

    private static void add(Set<String> out, String caption) {
        String c = clean(caption);
        if (!c.isEmpty() && Character.isLetterOrDigit(c.codePointAt(0))) {
            out.add(c);
        }
    }

    private static String clean(String s) {
        return s.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
