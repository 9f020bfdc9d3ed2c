package io.clipstream.preprocess;

import java.awt.image.BufferedImage;

/**
 * How images are decoded for the model: {@link #EXACT}, the pixels Pillow and transformers give
 * (bit for bit), or {@link #FAST}, which decodes large images at a reduced size first.
 */
public enum PreprocessMode {
    /** Full decode, then PIL's resize: the model sees what it saw in training. */
    EXACT,
    /**
     * The decoder produces a reduced image whose shorter side is still at least the resize target
     * (half of each side of a 640x480 photo for a 224 model): JPEGs through libjpeg-turbo's DCT
     * scaling, which never computes the full-size pixels, where the library is installed (see
     * {@link JpegDecoder}), other images by ImageIO skipping pixels. PIL's resize then runs on the
     * smaller image. Embeddings drift a little from the exact ones ({@code bench preprocess --mode
     * fast} prints by how much).
     */
    FAST;

    /** Parses {@code exact} or {@code fast}, in any case. */
    public static PreprocessMode parse(String value) {
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** Decodes {@code bytes} for {@code processor} in this mode, within the decoder's limits. */
    public BufferedImage decode(ImageDecoder decoder, ClipImageProcessor processor, byte[] bytes) {
        return this == FAST ? decoder.decodeReduced(bytes, processor.minimumShortSide()) : decoder.decodeImage(bytes);
    }
}
