package io.clipstream.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the catalogue entry of an icon from its name: first by code point (an icon set's
 * {@code chars.json}, or a name such as {@code 1f600}, {@code u1f600}, {@code emoji-u1f600}), then by
 * name slug: the catalogue name ({@code grinning-face}), the short names ({@code grinning},
 * {@code red_car}) and emojilib's first keyword, which is the CLDR name ({@code grinning_face}), each
 * also without separators ({@code redcar}, as some sets write them). A slug two emoji share is
 * dropped rather than guessed.
 */
final class EmojiIndex {

    private final Map<String, JsonNode> byCodePoint = new HashMap<>();
    private final Map<String, JsonNode> bySlug = new HashMap<>();

    /**
     * @param catalog the entries of {@code emoji.json} (base emoji; skin tones are nested, not listed)
     * @param keywords emojilib's map from the emoji's characters to its keywords
     */
    EmojiIndex(Iterable<JsonNode> catalog, Map<String, List<String>> keywords) {
        Set<String> ambiguous = new HashSet<>();
        for (JsonNode emoji : catalog) {
            for (String key : new String[] {emoji.path("unified").asText(""), emoji.path("non_qualified").asText("")}) {
                if (!key.isEmpty() && !key.equals("null")) {
                    byCodePoint.putIfAbsent(codeKey(key), emoji);
                }
            }
            Set<String> slugs = new HashSet<>();
            addSlug(slugs, emoji.path("name").asText(""));
            for (JsonNode s : emoji.path("short_names")) {
                addSlug(slugs, s.asText());
            }
            List<String> words = keywords.get(EmojiCaptions.characters(emoji.path("unified").asText("")));
            if (words == null) {
                words = keywords.get(EmojiCaptions.characters(emoji.path("unified").asText("").replace("-FE0F", "")));
            }
            if (words != null && !words.isEmpty()) {
                addSlug(slugs, words.get(0));
            }
            for (String slug : slugs) {
                JsonNode before = bySlug.putIfAbsent(slug, emoji);
                if (before != null && before != emoji) {
                    ambiguous.add(slug);
                }
            }
        }
        ambiguous.forEach(bySlug::remove);
    }

    /** The catalogue entry an icon stands for, or {@code null}. */
    JsonNode find(String iconName, String codePoints) {
        if (codePoints != null && !codePoints.isEmpty()) {
            JsonNode hit = byCodePoint.get(codeKey(codePoints));
            if (hit != null) {
                return hit;
            }
        }
        String name = iconName.toLowerCase(Locale.ROOT);
        String hex = name.replaceFirst("^(emoji-)?u?", "").replace('_', '-');
        if (hex.matches("[0-9a-f]{2,6}(-[0-9a-f]{2,6})*")) {
            JsonNode hit = byCodePoint.get(codeKey(hex));
            if (hit != null) {
                return hit;
            }
        }
        JsonNode hit = bySlug.get(slug(name));
        return hit != null ? hit : bySlug.get(slug(name).replace("-", ""));
    }

    private static void addSlug(Set<String> slugs, String text) {
        String slug = slug(text);
        if (!slug.isEmpty()) {
            slugs.add(slug);
            slugs.add(slug.replace("-", ""));
        }
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** Code points as a key: lowercase, no variation selector 16. */
    private static String codeKey(String codePoints) {
        return codePoints.toLowerCase(Locale.ROOT).replace("-fe0f", "");
    }
}
