package io.clipstream.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Options of the emoji importer ({@code clipstream dataset emoji}); the CLI uses the same names.
 *
 * @param out folder that receives one dataset folder per art style
 * @param styles art styles to import: {@code twitter}, {@code google}, {@code facebook}
 * @param size side in pixels of the written images (the packages carry 64 px images)
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
    /** Styles the packages publish. */
    public static final List<String> KNOWN_STYLES = List.of("twitter", "google", "facebook", "apple");

    public EmojiImportOptions {
        styles = List.copyOf(styles);
        for (String s : styles) {
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
}
