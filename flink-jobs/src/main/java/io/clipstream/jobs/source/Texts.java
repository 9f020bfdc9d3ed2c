package io.clipstream.jobs.source;

import org.apache.avro.util.Utf8;
import org.apache.flink.annotation.Internal;

/** What the validators ask of a text field: its UTF-8 length and whether anything in it is visible. */
@Internal
public final class Texts {
    private Texts() {}

    /** Length of {@code s} in UTF-8 bytes, without encoding it; 0 for null. */
    public static long utf8Length(CharSequence s) {
        if (s == null) {
            return 0;
        }
        if (s instanceof Utf8 u) {
            return u.getByteLength();
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * True when {@code s} has at least one character a reader would see: not white space of any
     * kind (ASCII, no-break, ideographic, ...), not a control or format character (zero-width
     * space, joiners, byte-order mark, ...), not a lone combining mark and not one of the letters
     * that render blank (Hangul fillers, braille blank).
     */
    public static boolean hasVisible(CharSequence s) {
        if (s == null) {
            return false;
        }
        String t = s.toString();
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (visible(cp)) {
                return true;
            }
        }
        return false;
    }

    static boolean visible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                break;
        }
        switch (cp) {
            case 0x115F: case 0x1160: case 0x3164: case 0xFFA0: case 0x2800: case 0x180E:
                return false;
            default:
                return true;
        }
    }

    /** At most the first {@code maxChars} characters of {@code s}, for messages that must stay short. */
    public static String head(CharSequence s, int maxChars) {
        String t = String.valueOf(s);
        return t.length() <= maxChars ? t : t.substring(0, maxChars) + "...";
    }
}
