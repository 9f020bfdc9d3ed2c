package io.clipstream.preprocess;

import java.util.Locale;

/**
 * Which decoder {@link PreprocessMode#FAST} uses for JPEGs (option {@value #KEY}). Other formats,
 * and CMYK or YCCK JPEGs, always go through ImageIO.
 */
public enum FastDecoder {
    /** libjpeg-turbo when the system's {@code libturbojpeg} loads, else ImageIO; the log says which, once. */
    AUTO,
    /**
     * libjpeg-turbo's TurboJPEG API with DCT scaling: the inverse DCT itself produces the reduced
     * image (1/2, 1/4, 1/8 of each side ...). Required: without the library a fast decode fails.
     */
    TURBOJPEG,
    /** ImageIO with source subsampling: the whole image is still entropy-decoded and transformed. */
    IMAGEIO;

    /** The option key. */
    public static final String KEY = "preprocess.fast-decoder";

    /** The option's one-line description. */
    public static final String DESCRIPTION = "How FAST mode decodes JPEGs: AUTO (libjpeg-turbo's DCT scaling through the"
            + " system's libturbojpeg when it loads, else ImageIO subsampling; the log says which), TURBOJPEG (the"
            + " library is required: a FAST job fails at start without it) or IMAGEIO (no native library).";

    /** Parses {@code auto}, {@code turbojpeg} or {@code imageio}, in any case. */
    public static FastDecoder parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
