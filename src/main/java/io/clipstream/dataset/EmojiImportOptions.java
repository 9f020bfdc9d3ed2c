package io.clipstream.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the emoji importer ({@code clipstream dataset emoji}); the CLI uses the same names.
 *
 * @param out folder that receives one dataset folder per art style
 * @param styles art styles to import: the {@code emoji-datasource-<style>} styles {@code twitter},
 *     {@code google}, {@code facebook}, {@code apple}, and the Iconify sets of {@link #ICONIFY_VERSIONS}
 *     (rendered from SVG)
 * @param size side in pixels of the written images (the datasource packages carry 64 px images)
 * @param packs folder holding the npm tarballs; missing ones are fetched there with {@code npm pack}
 * @param datasourceVersion pinned version of the {@code emoji-datasource-<style>} packages
 * @param emojilibVersion pinned version of the {@code emojilib} keyword package
 */
public record EmojiImportOptions(
        Path out, List<String> styles, int size, Path packs, String datasourceVersion, String emojilibVersion) {

    /** Default styles: all three; Google is the held-out test style by convention. */
    public static final List<String> DEFAULT_STYLES = List.of("twitter", "facebook", "google");
    /** Default image side: the packages' own 64 px. */
    public static final int DEFAULT_SIZE = 64;
    /** Pinned {@code emoji-datasource-*} version. */
    public static final String DEFAULT_DATASOURCE_VERSION = "16.0.0";
    /** Pinned {@code emojilib} version. */
    public static final String DEFAULT_EMOJILIB_VERSION = "4.0.3";
    /** Styles the {@code emoji-datasource-<style>} packages publish. */
    public static final List<String> DATASOURCE_STYLES = List.of("twitter", "google", "facebook", "apple");
    /** Iconify emoji sets ({@code @iconify-json/<set>}) and their pinned versions. */
    public static final Map<String, String> ICONIFY_VERSIONS = iconifyVersions();
    /** Every importable style. */
    public static final List<String> KNOWN_STYLES = knownStyles();
    /** Sets kept out of this project's data altogether: an outside check for others to run. */
    public static final List<String> RESERVED_STYLES = List.of("openmoji");

    public EmojiImportOptions {
        styles = List.copyOf(styles);
        for (String s : styles) {
            if (RESERVED_STYLES.contains(s)) {
                throw new IllegalArgumentException("style '" + s + "' is reserved as an outside check and is not imported");
            }
            if (!KNOWN_STYLES.contains(s)) {
                throw new IllegalArgumentException("unknown emoji style '" + s + "', expected one of " + KNOWN_STYLES);
            }
        }
        if (size < 8 || size > 256) {
            throw new IllegalArgumentException("size must be within 8..256, got " + size);
        }
        if (packs == null) {
            packs = out.resolve(".packs");
        }
    }

    /** Defaults for everything but the output folder. */
    public static EmojiImportOptions defaults(Path out) {
        return new EmojiImportOptions(out, DEFAULT_STYLES, DEFAULT_SIZE, null, DEFAULT_DATASOURCE_VERSION, DEFAULT_EMOJILIB_VERSION);
    }

    private static Map<String, String> iconifyVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("twemoji", "1.2.5");
        v.put("fluent-emoji", "1.2.7");
        v.put("fluent-emoji-flat", "1.2.6");
        v.put("emojione", "1.2.3");
        v.put("emojione-v1", "1.2.3");
        v.put("fxemoji", "1.2.2");
        v.put("fluent-emoji-high-contrast", "1.2.6");
        v.put("emojione-monotone", "1.2.1");
        v.put("streamline-emojis", "1.2.4");
        return java.util.Collections.unmodifiableMap(v);
    }

    private static List<String> knownStyles() {
        List<String> all = new java.util.ArrayList<>(DATASOURCE_STYLES);
        all.addAll(ICONIFY_VERSIONS.keySet());
        return List.copyOf(all);
    }
}
