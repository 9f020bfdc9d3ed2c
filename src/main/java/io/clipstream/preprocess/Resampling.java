package io.clipstream.preprocess;

/**
 * Resampling filters of PIL's convolution resampler, keyed by PIL's integer codes as
 * {@code preprocessor_config.json} stores them ({@code "resample": 3} is bicubic).
 *
 * <p>Nearest-neighbour (code 0) takes another path in PIL and is not offered.
 */
public enum Resampling {
    /** PIL code 1 (also called ANTIALIAS): windowed sinc, three lobes. */
    LANCZOS(1, 3.0),
    /** PIL code 2: triangle filter. */
    BILINEAR(2, 1.0),
    /** PIL code 3: cubic convolution with a = -0.5; CLIP's choice. */
    BICUBIC(3, 2.0),
    /** PIL code 4: box filter. */
    BOX(4, 0.5),
    /** PIL code 5: Hamming-windowed sinc. */
    HAMMING(5, 1.0);

    private final int pilCode;
    private final double support;

    Resampling(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** The integer PIL (and transformers' {@code PILImageResampling}) uses for this filter. */
    public int pilCode() {
        return pilCode;
    }

    /** Half-width of the filter at scale 1, in source pixels. */
    double support() {
        return support;
    }

    /** The filter weight at distance {@code x} (in filter units), the same formula as PIL's. */
    double weight(double x) {
        switch (this) {
            case BICUBIC: {
                final double a = -0.5;
                if (x < 0.0) {
                    x = -x;
                }
                if (x < 1.0) {
                    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                }
                if (x < 2.0) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0.0;
            }
            case BILINEAR:
                if (x < 0.0) {
                    x = -x;
                }
                return x < 1.0 ? 1.0 - x : 0.0;
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case HAMMING: {
                if (x < 0.0) {
                    x = -x;
                }
                if (x == 0.0) {
                    return 1.0;
                }
                if (x >= 1.0) {
                    return 0.0;
                }
                x = x * Math.PI;
                // PIL writes the window constants as C floats: 0.54f and 0.46f
                return Math.sin(x) / x * (0.54f + 0.46f * Math.cos(x));
            }
            case LANCZOS:
                return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
            default:
                throw new AssertionError(this);
        }
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return Math.sin(x) / x;
    }

    /**
     * The filter with PIL code {@code code}.
     *
     * @throws IllegalArgumentException for nearest-neighbour (0) and unknown codes
     */
    public static Resampling fromPilCode(int code) {
        for (Resampling r : values()) {
            if (r.pilCode == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("unsupported resample code " + code
                + " (supported: 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming)");
    }
}
