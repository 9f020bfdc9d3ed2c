package io.clipstream.preprocess;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits an {@link ImageDecoder} enforces on untrusted images: the size of the encoded bytes, and
 * the pixel count declared by the header, checked before any pixel is decoded so that a small file
 * declaring a huge canvas (a decompression bomb) is refused without allocating it.
 *
 * <pre>{@code
 * ImageLimits limits = ImageLimits.builder().optMaxBytes(5 << 20).optMaxPixels(12_000_000).build();
 * }</pre>
 */
public final class ImageLimits implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Option key of {@link #maxBytes()}. */
    public static final String MAX_BYTES_KEY = "image.max-bytes";
    /** Default of {@link #maxBytes()}: 20 MiB. */
    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    /** Option key of {@link #maxPixels()}. */
    public static final String MAX_PIXELS_KEY = "image.max-pixels";
    /** Default of {@link #maxPixels()}: 40 megapixels (160 MiB as packed RGB). */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** Every option key with its one-line description, in the order the CLI and docs list them. */
    public static final Map<String, String> DESCRIPTIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(MAX_BYTES_KEY, "Largest encoded image accepted, in bytes (default 20 MiB).");
        d.put(MAX_PIXELS_KEY, "Largest width x height accepted, read from the header before decoding (default 40 million).");
        DESCRIPTIONS = Map.copyOf(d);
    }

    private final long maxBytes;
    private final long maxPixels;

    private ImageLimits(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    /** 20 MiB and 40 megapixels. */
    public static ImageLimits defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Largest encoded image accepted, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Largest {@code width * height} accepted. */
    public long maxPixels() {
        return maxPixels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageLimits other && other.maxBytes == maxBytes && other.maxPixels == maxPixels;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(maxBytes) * 31 + Long.hashCode(maxPixels);
    }

    @Override
    public String toString() {
        return "ImageLimits{maxBytes=" + maxBytes + ", maxPixels=" + maxPixels + "}";
    }

    /** Builds {@link ImageLimits}; both settings are optional. */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxPixels = DEFAULT_MAX_PIXELS;

        private Builder() {}

        public Builder optMaxBytes(long v) {
            maxBytes = v;
            return this;
        }

        public Builder optMaxPixels(long v) {
            maxPixels = v;
            return this;
        }

        /** Validates and builds; a Java array holds at most {@code Integer.MAX_VALUE} bytes or pixels. */
        public ImageLimits build() {
            if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(MAX_BYTES_KEY + " must be within 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
            }
            if (maxPixels <= 0 || maxPixels > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(MAX_PIXELS_KEY + " must be within 1.." + (Integer.MAX_VALUE - 8) + ": " + maxPixels);
            }
            return new ImageLimits(maxBytes, maxPixels);
        }
    }
}
