package io.clipstream.preprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The image half of a Hugging Face CLIP folder: {@code preprocessor_config.json}, read the way
 * transformers' {@code CLIPImageProcessor} reads it.
 *
 * <p>{@code size} is either an int (the shortest edge), {@code {"shortest_edge": n}} or
 * {@code {"height": h, "width": w}}; {@code crop_size} is an int or {@code {"height", "width"}}.
 * Keys that are missing take CLIPImageProcessor's defaults (OpenAI CLIP mean and std, shortest
 * edge 224, crop 224, bicubic). Instances are immutable.
 *
 * <p>Transparency is handled as transformers handles it (PIL's {@code convert("RGB")}: the alpha is
 * dropped and transparent pixels keep their hidden colour) unless the file declares clipstream's
 * own setting {@code "clipstream": {"alpha_background": [r, g, b]}}; then images with transparency
 * are composited over that opaque colour first, the way a model trained on images drawn over
 * white needs them. transformers ignores the key.
 *
 * <pre>{@code
 * PreprocessorConfig config = PreprocessorConfig.load(modelDir.resolve("preprocessor_config.json"));
 * PreprocessorConfig custom = PreprocessorConfig.builder().optShortestEdge(64).optCropSize(64).build();
 * Files.writeString(dir.resolve(PreprocessorConfig.FILE_NAME), custom.toJson());
 * }</pre>
 */
public final class PreprocessorConfig {

    /** File name inside a model folder. */
    public static final String FILE_NAME = "preprocessor_config.json";

    // transformers' OPENAI_CLIP_MEAN and OPENAI_CLIP_STD as written in files; numpy rounds them to
    // float32 when it normalises
    private static final double[] OPENAI_MEAN_DECIMAL = {0.48145466, 0.4578275, 0.40821073};
    private static final double[] OPENAI_STD_DECIMAL = {0.26862954, 0.26130258, 0.27577711};

    private final boolean doResize;
    private final int shortestEdge; // > 0 when size is {"shortest_edge"}, else 0
    private final int resizeHeight; // > 0 when size is {"height","width"}, else 0
    private final int resizeWidth;
    private final Resampling resample;
    private final boolean doCenterCrop;
    private final int cropHeight;
    private final int cropWidth;
    private final boolean doRescale;
    private final double rescaleFactor;
    private final boolean doNormalize;
    private final double[] imageMean;
    private final double[] imageStd;
    private final boolean doConvertRgb;
    private final Integer alphaBackground; // 0xRRGGBB, or null: drop the alpha

    private PreprocessorConfig(Builder b) {
        this.doResize = b.doResize;
        this.shortestEdge = b.shortestEdge;
        this.resizeHeight = b.resizeHeight;
        this.resizeWidth = b.resizeWidth;
        this.resample = b.resample;
        this.doCenterCrop = b.doCenterCrop;
        this.cropHeight = b.cropHeight;
        this.cropWidth = b.cropWidth;
        this.doRescale = b.doRescale;
        this.rescaleFactor = b.rescaleFactor;
        this.doNormalize = b.doNormalize;
        this.imageMean = b.imageMean.clone();
        this.imageStd = b.imageStd.clone();
        this.doConvertRgb = b.doConvertRgb;
        this.alphaBackground = b.alphaBackground;
    }

    /** CLIPImageProcessor's defaults: the configuration of {@code openai/clip-vit-base-patch32}. */
    public static PreprocessorConfig defaults() {
        return builder().build();
    }

    /** A builder starting from CLIPImageProcessor's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a {@code preprocessor_config.json} file. */
    public static PreprocessorConfig load(Path preprocessorConfigJson) throws IOException {
        return parse(Files.readString(preprocessorConfigJson, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text of a {@code preprocessor_config.json}.
     *
     * @throws IllegalArgumentException when the text is not JSON or a value has the wrong shape
     */
    public static PreprocessorConfig parse(String json) {
        return PreprocessorConfigJson.read(json);
    }

    /** This configuration as a {@code preprocessor_config.json} text that transformers also reads. */
    public String toJson() {
        return PreprocessorConfigJson.write(this);
    }

    public boolean doResize() { return doResize; }

    /** The target of the shortest side, or 0 when {@code size} gives a fixed height and width. */
    public int shortestEdge() { return shortestEdge; }

    /** The fixed resize height, or 0 when {@code size} gives a shortest edge. */
    public int resizeHeight() { return resizeHeight; }

    /** The fixed resize width, or 0 when {@code size} gives a shortest edge. */
    public int resizeWidth() { return resizeWidth; }

    public Resampling resample() { return resample; }

    public boolean doCenterCrop() { return doCenterCrop; }

    public int cropHeight() { return cropHeight; }

    public int cropWidth() { return cropWidth; }

    public boolean doRescale() { return doRescale; }

    public double rescaleFactor() { return rescaleFactor; }

    public boolean doNormalize() { return doNormalize; }

    /** Per-channel mean (R, G, B) as float32, the precision numpy normalises with. */
    public float[] imageMean() { return toFloats(imageMean); }

    /** Per-channel standard deviation (R, G, B) as float32, the precision numpy normalises with. */
    public float[] imageStd() { return toFloats(imageStd); }

    private static float[] toFloats(double[] v) {
        return new float[] {(float) v[0], (float) v[1], (float) v[2]};
    }

    public boolean doConvertRgb() { return doConvertRgb; }

    /**
     * The opaque colour ({@code 0xRRGGBB}) transparent images are composited over before anything
     * else, or empty when the alpha is dropped as PIL's {@code convert("RGB")} drops it (the default).
     */
    public java.util.OptionalInt alphaBackground() {
        return alphaBackground == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(alphaBackground);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PreprocessorConfig other)) {
            return false;
        }
        return doResize == other.doResize && shortestEdge == other.shortestEdge
                && resizeHeight == other.resizeHeight && resizeWidth == other.resizeWidth
                && resample == other.resample && doCenterCrop == other.doCenterCrop
                && cropHeight == other.cropHeight && cropWidth == other.cropWidth
                && doRescale == other.doRescale && rescaleFactor == other.rescaleFactor
                && doNormalize == other.doNormalize && Arrays.equals(imageMean, other.imageMean)
                && Arrays.equals(imageStd, other.imageStd) && doConvertRgb == other.doConvertRgb
                && java.util.Objects.equals(alphaBackground, other.alphaBackground);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(imageMean) + Arrays.hashCode(new int[] {shortestEdge, resizeHeight,
            resizeWidth, cropHeight, cropWidth, resample.pilCode()});
    }

    @Override
    public String toString() {
        return "PreprocessorConfig" + toJson().replaceAll("\\s+", "");
    }

    /** Per-channel mean as written in the file, before numpy's float32 rounding. */
    double[] imageMeanDecimal() {
        return imageMean.clone();
    }

    /** Per-channel standard deviation as written in the file, before numpy's float32 rounding. */
    double[] imageStdDecimal() {
        return imageStd.clone();
    }

    /** Builds a {@link PreprocessorConfig}; every setter is optional and starts at the default. */
    public static final class Builder {
        private boolean doResize = true;
        private int shortestEdge = 224;
        private int resizeHeight;
        private int resizeWidth;
        private Resampling resample = Resampling.BICUBIC;
        private boolean doCenterCrop = true;
        private int cropHeight = 224;
        private int cropWidth = 224;
        private boolean doRescale = true;
        private double rescaleFactor = 1.0 / 255.0;
        private boolean doNormalize = true;
        private double[] imageMean = OPENAI_MEAN_DECIMAL.clone();
        private double[] imageStd = OPENAI_STD_DECIMAL.clone();
        private boolean doConvertRgb = true;
        private Integer alphaBackground;

        private Builder() {}

        public Builder optDoResize(boolean v) { doResize = v; return this; }

        /** Resize so that the shorter side becomes {@code edge}, keeping the aspect ratio. */
        public Builder optShortestEdge(int edge) {
            shortestEdge = edge;
            resizeHeight = 0;
            resizeWidth = 0;
            return this;
        }

        /** Resize to exactly {@code height x width}, ignoring the aspect ratio. */
        public Builder optResizeTo(int height, int width) {
            shortestEdge = 0;
            resizeHeight = height;
            resizeWidth = width;
            return this;
        }

        public Builder optResample(Resampling v) { resample = v; return this; }

        public Builder optDoCenterCrop(boolean v) { doCenterCrop = v; return this; }

        public Builder optCropSize(int side) { return optCropSize(side, side); }

        public Builder optCropSize(int height, int width) {
            cropHeight = height;
            cropWidth = width;
            return this;
        }

        public Builder optDoRescale(boolean v) { doRescale = v; return this; }

        public Builder optRescaleFactor(double v) { rescaleFactor = v; return this; }

        public Builder optDoNormalize(boolean v) { doNormalize = v; return this; }

        /** Per-channel mean, R, G, B, as the decimal values the file holds. */
        public Builder optImageMean(double... v) { imageMean = v.clone(); return this; }

        /** Per-channel standard deviation, R, G, B, as the decimal values the file holds. */
        public Builder optImageStd(double... v) { imageStd = v.clone(); return this; }

        public Builder optDoConvertRgb(boolean v) { doConvertRgb = v; return this; }

        /**
         * Composite transparent images over this opaque colour ({@code 0xRRGGBB}); null (the
         * default) drops the alpha as transformers does.
         */
        public Builder optAlphaBackground(Integer rgb) {
            alphaBackground = rgb == null ? null : rgb & 0xFFFFFF;
            return this;
        }

        /** Validates and builds. */
        public PreprocessorConfig build() {
            if (shortestEdge <= 0 && (resizeHeight <= 0 || resizeWidth <= 0)) {
                throw new IllegalArgumentException("size must be a positive shortest edge or a positive height and width");
            }
            if (cropHeight <= 0 || cropWidth <= 0) {
                throw new IllegalArgumentException("crop size must be positive: " + cropHeight + "x" + cropWidth);
            }
            if (resample == null) {
                throw new IllegalArgumentException("resample must be set");
            }
            if (!(rescaleFactor > 0) || Double.isInfinite(rescaleFactor)) {
                throw new IllegalArgumentException("rescale_factor must be a positive number: " + rescaleFactor);
            }
            if (imageMean == null || imageMean.length != 3 || imageStd == null || imageStd.length != 3) {
                throw new IllegalArgumentException("image_mean and image_std need 3 values each");
            }
            for (double s : imageStd) {
                if (!(s > 0)) {
                    throw new IllegalArgumentException("image_std values must be positive: " + Arrays.toString(imageStd));
                }
            }
            return new PreprocessorConfig(this);
        }
    }
}
