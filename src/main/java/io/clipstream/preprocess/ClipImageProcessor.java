package io.clipstream.preprocess;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded image into the pixel tensor a CLIP vision tower takes, step for step as
 * transformers' {@code CLIPImageProcessor} does on a PIL image: convert to RGB (PIL's
 * {@code convert("RGB")}: the alpha is dropped, unless the config composites over a background),
 * shortest-side resize with PIL's resampler, centre crop, rescale, normalise, channels
 * first.
 *
 * <p>The resize follows {@code get_resize_output_image_size(default_to_square=False)}: the short
 * side becomes {@code shortest_edge} and the long side {@code int(shortest_edge * long / short)}.
 * The centre crop starts at {@code ((h - ch) // 2, (w - cw) // 2)} and pads with zero pixels where
 * the image is smaller than the crop. Rescale and normalise repeat numpy's arithmetic: the byte
 * value times the rescale factor in double, stored as float, then {@code (x - mean) / std} in float.
 *
 * <p>Instances are thread-safe; the resampling weights of the sizes seen are kept, and each thread
 * reuses its own scratch arrays.
 *
 * <pre>{@code
 * ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.load(configPath));
 * float[] pixels = processor.preprocess(image); // 3 * cropSize() * cropSize(), R plane first
 * }</pre>
 */
public final class ClipImageProcessor {

    private final PreprocessorConfig config;
    private final int outSize;
    private static final int MAX_KEPT_COEFFICIENTS = 8;

    private final float[][] lookup = new float[3][256]; // byte value -> rescaled and normalised, per channel
    private volatile KeptCoefficients[] kept = new KeptCoefficients[MAX_KEPT_COEFFICIENTS]; // most recent first

    private ClipImageProcessor(PreprocessorConfig config) {
        this.config = config;
        if (config.doCenterCrop()) {
            if (config.cropHeight() != config.cropWidth()) {
                throw new IllegalArgumentException("a CLIP vision tower takes a square input; crop_size is "
                        + config.cropHeight() + "x" + config.cropWidth());
            }
            this.outSize = config.cropHeight();
        } else if (config.doResize() && config.shortestEdge() == 0
                && config.resizeHeight() == config.resizeWidth()) {
            this.outSize = config.resizeHeight();
        } else {
            throw new IllegalArgumentException("the configuration does not produce a fixed square image: "
                    + "enable do_center_crop or resize to a square height and width");
        }
        float[] mean = config.imageMean();
        float[] std = config.imageStd();
        float[] scale = new float[256];
        for (int v = 0; v < 256; v++) {
            // numpy: image.astype(float64) * factor, then astype(float32)
            scale[v] = config.doRescale() ? (float) (v * config.rescaleFactor()) : (float) v;
            for (int c = 0; c < 3; c++) {
                // numpy: (image - mean) / std, all float32
                lookup[c][v] = config.doNormalize() ? (scale[v] - mean[c]) / std[c] : scale[v];
            }
        }
    }

    /**
     * A processor for {@code config}; it must produce a fixed square image (CLIP's always do).
     * Images always end up as 3-channel RGB, whatever {@code do_convert_rgb} says, because the
     * vision tower takes exactly three channels.
     */
    public static ClipImageProcessor of(PreprocessorConfig config) {
        return new ClipImageProcessor(config);
    }

    /** The configuration this processor follows. */
    public PreprocessorConfig config() {
        return config;
    }

    /** Side of the square output image: the crop size, or the fixed resize size without a crop. */
    public int cropSize() {
        return outSize;
    }

    /**
     * Preprocesses one image into {@code 3 * cropSize() * cropSize()} floats, channel-first (all of
     * R, then G, then B), row-major within a channel. A {@code TYPE_3BYTE_BGR} or
     * {@code TYPE_INT_RGB} image (what {@link ImageDecoder#decodeImage} gives for JPEG) is read
     * straight from its pixel array; any other goes through {@link RgbConversion} first.
     */
    public float[] preprocess(BufferedImage image) {
        PixelSource direct = PixelSource.direct(image);
        return direct != null ? preprocess(direct) : preprocess(RgbImage.of(image));
    }

    /**
     * Like {@link #preprocess(BufferedImage)} for an image already in 8-bit RGB; an image with an
     * alpha plane is composited first when the configuration asks for it ({@code alpha_background}).
     */
    public float[] preprocess(RgbImage image) {
        if (config.alphaBackground().isPresent()) {
            image = RgbConversion.composite(image, config.alphaBackground().getAsInt());
        }
        return preprocess(PixelSource.of(image));
    }

    /*
     * Only the crop is resampled: every output sample of PIL's resize depends on its own row and
     * column of weights alone, so the samples the crop throws away need not be computed at all.
     */
    private float[] preprocess(PixelSource src) {
        int w = src.width();
        int h = src.height();
        int[] size = config.doResize() ? resizedSize(w, h) : new int[] {w, h};
        int newW = size[0];
        int newH = size[1];
        int top = 0;
        int left = 0;
        if (config.doCenterCrop()) {
            // Python's floor division: negative when the image is smaller than the crop (padding)
            top = Math.floorDiv(newH - outSize, 2);
            left = Math.floorDiv(newW - outSize, 2);
        }
        int plane = outSize * outSize;
        float[] out = new float[3 * plane];
        int ox0 = Math.max(0, left);
        int ox1 = Math.min(newW, left + outSize);
        int oy0 = Math.max(0, top);
        int oy1 = Math.min(newH, top + outSize);
        if (ox1 - ox0 < outSize || oy1 - oy0 < outSize) {
            // outside the image: transformers pads with zero-valued pixels before rescaling
            for (int c = 0; c < 3; c++) {
                java.util.Arrays.fill(out, c * plane, (c + 1) * plane, lookup[c][0]);
            }
        }
        float[] lr = lookup[0];
        float[] lg = lookup[1];
        float[] lb = lookup[2];
        int crop = outSize;
        int rowTop = top;
        int colLeft = left;
        RegionResampler.resize(src, newW != w ? coefficients(w, newW) : null, newH != h ? coefficients(h, newH) : null,
                ox0, ox1, oy0, oy1, (y, x0, r, g, b, off, len) -> {
                    int o = (y - rowTop) * crop + (x0 - colLeft);
                    for (int i = 0; i < len; i++) {
                        out[o + i] = lr[r[off + i]];
                        out[plane + o + i] = lg[g[off + i]];
                        out[2 * plane + o + i] = lb[b[off + i]];
                    }
                });
        return out;
    }

    /** The weights from {@code in} to {@code out} samples; photos come in few sizes, so they are kept. */
    private PilResampler.Coefficients coefficients(int in, int out) {
        KeptCoefficients[] kept = this.kept;
        for (KeptCoefficients k : kept) {
            if (k != null && k.in == in && k.out == out) {
                return k.coefficients;
            }
        }
        PilResampler.Coefficients c = PilResampler.Coefficients.of(in, out, config.resample());
        // a new array each time: readers on other threads see either the old or the new one, whole
        KeptCoefficients[] next = new KeptCoefficients[MAX_KEPT_COEFFICIENTS];
        next[0] = new KeptCoefficients(in, out, c);
        System.arraycopy(kept, 0, next, 1, MAX_KEPT_COEFFICIENTS - 1);
        this.kept = next;
        return c;
    }

    private record KeptCoefficients(int in, int out, PilResampler.Coefficients coefficients) {}

    /**
     * The shortest side an input may be reduced to before it reaches this processor without being
     * enlarged by the resize: the shortest edge, or the larger side of a fixed resize, or the crop.
     */
    public int minimumShortSide() {
        if (config.doResize()) {
            return config.shortestEdge() > 0 ? config.shortestEdge() : Math.max(config.resizeWidth(), config.resizeHeight());
        }
        return outSize;
    }

    /** The resize step alone, as transformers computes the target size; visible for tests. */
    RgbImage resize(RgbImage image) {
        int[] size = resizedSize(image.width(), image.height());
        return PilResampler.resize(image, size[0], size[1], config.resample());
    }

    /** Width and height of the resized image, as transformers computes them. */
    private int[] resizedSize(int w, int h) {
        if (config.shortestEdge() > 0) {
            int edge = config.shortestEdge();
            int shortSide = Math.min(w, h);
            int longSide = Math.max(w, h);
            // Python: int(edge * long / short); both operands are exact in double, the quotient is rounded once
            int newLong = (int) ((double) edge * longSide / shortSide);
            return w <= h ? new int[] {edge, newLong} : new int[] {newLong, edge};
        }
        return new int[] {config.resizeWidth(), config.resizeHeight()};
    }
}
