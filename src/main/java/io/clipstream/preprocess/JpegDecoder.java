package io.clipstream.preprocess;

import java.util.Locale;

/**
 * Which decoder turns JPEGs into pixels (option {@value #KEY}), in both modes: {@link
 * PreprocessMode#EXACT} decodes at full size, {@link PreprocessMode#FAST} with DCT scaling. Other
 * formats, and CMYK or YCCK JPEGs, always go through ImageIO.
 *
 * <p>Both decoders give the pixels Pillow gives: Pillow decodes JPEGs with libjpeg-turbo, and the
 * JDK's libjpeg computes the same integer inverse DCT, upsampling and colour conversion; the project's
 * tests compare both with Pillow's output bit for bit. libjpeg-turbo takes 57 % of
 * the JDK decoder's time on COCO-sized photos (1.31 against 2.31 ms).
 */
public enum JpegDecoder {
    /** libjpeg-turbo when the system's {@code libturbojpeg} loads, else ImageIO; the log says which, once. */
    AUTO,
    /**
     * libjpeg-turbo's TurboJPEG API: at full size in EXACT mode; in FAST mode with DCT scaling, where
     * the inverse DCT itself produces the reduced image (1/2, 1/4, 1/8 of each side ...). Required:
     * without the library a decode fails.
     */
    TURBOJPEG,
    /** ImageIO (the JDK's libjpeg); in FAST mode with source subsampling, which still entropy-decodes and transforms the whole image. */
    IMAGEIO;

    /** The option key. */
    public static final String KEY = "preprocess.jpeg-decoder";

    /** The key this option had when it applied to FAST mode only; still read. */
    public static final String DEPRECATED_KEY = "preprocess.fast-decoder";

    /** The option's one-line description. */
    public static final String DESCRIPTION = "How JPEGs are decoded: AUTO (libjpeg-turbo through the system's libturbojpeg"
            + " when it loads, else ImageIO; the log says which), TURBOJPEG (the library is required: a job fails at start"
            + " without it) or IMAGEIO (no native library). Both give Pillow's pixels in EXACT mode; libjpeg-turbo is about"
            + " 1.8 times as fast, and in FAST mode it scales in the DCT where ImageIO skips pixels.";

    /** Parses {@code auto}, {@code turbojpeg} or {@code imageio}, in any case. */
    public static JpegDecoder parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
