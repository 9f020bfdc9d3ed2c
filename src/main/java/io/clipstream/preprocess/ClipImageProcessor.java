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
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * ClipImageProcessor processor = ClipImageProcessor.of(PreprocessorConfig.load(configPath));
 * float[] pixels = processor.preprocess(image); // 3 * cropSize() * cropSize(), R plane first
 * }</pre>
 */
public final class ClipImageProcessor {

    private final PreprocessorConfig config;
    private final int outSize;
    private final float[][] lookup = new float[3][256]; // byte value -> rescaled and normalised, per channel

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
     * R, then G, then B), row-major within a channel.
     */
    public float[] preprocess(BufferedImage image) {
        return preprocess(RgbImage.of(image));
    }

    /** Like {@link #preprocess(BufferedImage)} for an image already in 8-bit RGB. */
    public float[] preprocess(RgbImage image) {
        if (config.alphaBackground().isPresent()) {
            image = RgbConversion.composite(image, config.alphaBackground().getAsInt());
        }
        RgbImage resized = config.doResize() ? resize(image) : image;
        float[] out = new float[3 * outSize * outSize];
        int top = 0;
        int left = 0;
        if (config.doCenterCrop()) {
            // Python's floor division: negative when the image is smaller than the crop (padding)
            top = Math.floorDiv(resized.height() - outSize, 2);
            left = Math.floorDiv(resized.width() - outSize, 2);
        }
        fill(resized, top, left, out);
        return out;
    }

    /** The resize step alone, as transformers computes the target size; visible for tests. */
    RgbImage resize(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int newW;
        int newH;
        if (config.shortestEdge() > 0) {
            int edge = config.shortestEdge();
            int shortSide = Math.min(w, h);
            int longSide = Math.max(w, h);
            // Python: int(edge * long / short); both operands are exact in double, the quotient is rounded once
            int newLong = (int) ((double) edge * longSide / shortSide);
            if (w <= h) {
                newW = edge;
                newH = newLong;
            } else {
                newW = newLong;
                newH = edge;
            }
        } else {
            newW = config.resizeWidth();
            newH = config.resizeHeight();
        }
        return PilResampler.resize(image, newW, newH, config.resample());
    }

    private void fill(RgbImage img, int top, int left, float[] out) {
        int plane = outSize * outSize;
        int w = img.width();
        int h = img.height();
        int[] px = img.pixels();
        float[] lr = lookup[0];
        float[] lg = lookup[1];
        float[] lb = lookup[2];
        for (int y = 0; y < outSize; y++) {
            int sy = y + top;
            int o = y * outSize;
            for (int x = 0; x < outSize; x++) {
                int sx = x + left;
                // outside the image: transformers pads with zero-valued pixels before rescaling
                int v = sy >= 0 && sy < h && sx >= 0 && sx < w ? px[sy * w + sx] : 0;
                out[o + x] = lr[(v >>> 16) & 0xFF];
                out[plane + o + x] = lg[(v >>> 8) & 0xFF];
                out[2 * plane + o + x] = lb[v & 0xFF];
            }
        }
    }
}
