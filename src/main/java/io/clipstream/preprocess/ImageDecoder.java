package io.clipstream.preprocess;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes untrusted image bytes into 8-bit RGB, within {@link ImageLimits}, with the pixel values
 * PIL would give the model.
 *
 * <p>The order of checks is the point: the byte count first, then the width and height from the
 * format's header, and only then the pixels, so a decompression bomb is refused without being
 * decoded. JPEG (baseline, progressive, CMYK, YCCK) goes through TwelveMonkeys' reader, which turns
 * CMYK and YCCK into RGB; PNG (8- and 16-bit, palette, grey, alpha, colour key) and GIF (first
 * frame) through the JDK's; BMP and WebP through TwelveMonkeys'. Embedded ICC profiles of RGB
 * images are ignored, as PIL ignores them. The result is RGB as PIL's {@code convert("RGB")} gives
 * it, with the alpha of a transparent image kept beside the colour (a {@code TYPE_INT_ARGB} image
 * from {@link #decode}, an alpha plane from {@link #decodeRgb}; see {@link RgbConversion}).
 *
 * <p>Against PIL's decoders, the JPEG, CMYK JPEG, PNG, GIF, BMP and lossless WebP results are
 * identical; YCCK JPEG differs by at most one level; lossy WebP differs noticeably (TwelveMonkeys'
 * VP8 decoder is not libwebp), a few levels on average.
 *
 * <p>JPEGs go through libjpeg-turbo where the system has {@code libturbojpeg} (see {@link
 * JpegDecoder}): at full size in {@link #decodeImage}, Pillow's own decoder and the same pixels as
 * ImageIO's in 57 % of the time, and with DCT scaling in {@link #decodeReduced}; the rest through ImageIO.
 *
 * <p>Thread-safe: every call creates its own reader; libjpeg-turbo handles are kept per thread.
 *
 * <pre>{@code
 * ImageDecoder decoder = ImageDecoder.create(ImageLimits.defaults());
 * try {
 *     BufferedImage image = decoder.decode(bytes);
 * } catch (ImageRejectedException e) {
 *     deadLetter(e.reason(), e.getMessage());
 * }
 * }</pre>
 */
public final class ImageDecoder {

    static {
        registerReaders();
    }

    private final ImageLimits limits;
    private final JpegDecoder jpeg;

    private ImageDecoder(ImageLimits limits, JpegDecoder jpeg) {
        this.limits = limits;
        this.jpeg = jpeg;
    }

    /** A decoder with the default limits. */
    public static ImageDecoder create() {
        return create(ImageLimits.defaults());
    }

    /** A decoder enforcing {@code limits} that decodes JPEGs with {@link JpegDecoder#AUTO}. */
    public static ImageDecoder create(ImageLimits limits) {
        return create(limits, JpegDecoder.AUTO);
    }

    /** A decoder enforcing {@code limits} that decodes JPEGs with {@code jpeg}. */
    public static ImageDecoder create(ImageLimits limits, JpegDecoder jpeg) {
        if (limits == null || jpeg == null) {
            throw new IllegalArgumentException("limits and JPEG decoder must not be null");
        }
        return new ImageDecoder(limits, jpeg);
    }

    /**
     * The JPEG decoder, in words: {@code turbojpeg 2.1.5}, or
     * {@code imageio (why)}. Loads the native library on first use.
     *
     * @throws IllegalStateException for {@link JpegDecoder#TURBOJPEG} when the library cannot be loaded
     */
    public String jpegDecoder() {
        if (turbo()) {
            return "turbojpeg " + TurboJpeg.version();
        }
        return "imageio (" + (jpeg == JpegDecoder.IMAGEIO ? JpegDecoder.KEY + "=IMAGEIO" : TurboJpeg.unavailableReason()) + ")";
    }

    private boolean turbo() {
        return switch (jpeg) {
            case IMAGEIO -> false;
            case AUTO -> Turbo.TURBO;
            case TURBOJPEG -> {
                if (!Turbo.TURBO) {
                    throw new IllegalStateException(JpegDecoder.KEY + "=TURBOJPEG, but " + TurboJpeg.unavailableReason());
                }
                yield true;
            }
        };
    }

    /** Loads libturbojpeg the first time a decoder asks for it, and says once how it went. */
    private static final class Turbo {
        static final boolean TURBO = TurboJpeg.available();

        static {
            Logger log = LoggerFactory.getLogger(ImageDecoder.class);
            if (TURBO) {
                log.info("JPEG decoder: turbojpeg {}", TurboJpeg.version());
            } else {
                log.warn("JPEG decoder: imageio ({}); JPEGs take about 1.8 times as long, and FAST mode subsamples instead of"
                        + " scaling in the DCT", TurboJpeg.unavailableReason());
            }
        }
    }

    /** The limits this decoder enforces. */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * Decodes an image to a {@code TYPE_INT_RGB} image, or {@code TYPE_INT_ARGB} (straight alpha)
     * when it has transparency.
     *
     * @throws ImageRejectedException with reason {@code EMPTY}, {@code TOO_LARGE_BYTES},
     *     {@code TOO_MANY_PIXELS}, {@code UNSUPPORTED_FORMAT} or {@code CORRUPT}
     */
    public BufferedImage decode(byte[] bytes) {
        return decodeRgb(bytes).wrapAsBufferedImage();
    }

    /** Like {@link #decode(byte[])}, returning the packed pixels the processor works on. */
    public RgbImage decodeRgb(byte[] bytes) {
        return RgbConversion.toRgb(decodeImage(bytes));
    }

    /**
     * Decodes without colour normalisation: the image as the format's reader produces it (palette,
     * grey, 16-bit, alpha kept; a JPEG is usually {@code TYPE_3BYTE_BGR}), with the same checks as
     * {@link #decode(byte[])}. {@link ClipImageProcessor#preprocess(BufferedImage)} takes it as it is
     * and reads its raster directly, which saves a conversion and a copy of every pixel.
     */
    public BufferedImage decodeImage(byte[] bytes) {
        return decodeAt(bytes, 0);
    }

    /**
     * Like {@link #decodeImage(byte[])}, but at a reduced size that keeps the shorter side at least
     * {@code minShortSide}: a quicker, inexact decode for {@link PreprocessMode#FAST}. A JPEG goes
     * through libjpeg-turbo's DCT scaling (the smallest of its factors 1/2, 1/4, 1/8 ... that keeps
     * the side) when {@link #jpegDecoder()} is turbojpeg; every other image, a CMYK or YCCK JPEG, or
     * a JPEG without the library, through ImageIO, which skips pixels by the largest whole factor
     * (at most 8) that keeps the side. The limits apply to the size the header declares.
     */
    public BufferedImage decodeReduced(byte[] bytes, int minShortSide) {
        return decodeAt(bytes, Math.max(1, minShortSide));
    }

    /**
     * Both modes: a JPEG through libjpeg-turbo when {@link #jpegDecoder()} is turbojpeg (and the
     * JPEG is not CMYK or YCCK), everything else through ImageIO; full size when {@code
     * minShortSide} is 0, else reduced to keep the shorter side at least that.
     */
    private BufferedImage decodeAt(byte[] bytes, int minShortSide) {
        checkBytes(bytes);
        if (TurboJpegDecoder.isJpeg(bytes) && turbo()) {
            BufferedImage image = TurboJpegDecoder.decode(bytes, limits, minShortSide);
            if (image != null) {
                return image;
            }
        }
        return readWithImageIo(bytes, minShortSide);
    }

    /** The image as ImageIO's reader produces it, whatever the JPEG decoder; visible for tests of the conversion. */
    BufferedImage decodeRaw(byte[] bytes) {
        checkBytes(bytes);
        return readWithImageIo(bytes, 0);
    }

    private void checkBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY, "image has no bytes");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRejectedException(Reason.TOO_LARGE_BYTES,
                    "image has " + bytes.length + " bytes, more than the limit of " + limits.maxBytes());
        }
    }

    /** Through ImageIO, after {@link #checkBytes}. */
    private BufferedImage readWithImageIo(byte[] bytes, int minShortSide) {
        // reads the array in place: no cache copy, no finaliser record per image (MemoryCacheImageInputStream has both)
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                // never quote the bytes: they may come from any file or service a reference named
                throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                        "not an image format this decoder reads (JPEG, PNG, GIF, BMP, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                return read(reader, in, minShortSide);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // only closing can get here; the reads map their own failures
            throw new ImageRejectedException(Reason.CORRUPT, "cannot read image: " + e.getMessage(), e);
        }
    }

    private BufferedImage read(ImageReader reader, ImageInputStream in, int minShortSide) {
        String format = formatName(reader);
        reader.setInput(in, true, true);
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(Reason.CORRUPT, format + " header cannot be read: " + e.getMessage(), e);
        }
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Reason.CORRUPT, format + " header declares " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, format + " declares " + width + "x" + height
                    + " = " + pixels + " pixels, more than the limit of " + limits.maxPixels());
        }
        try {
            ImageReadParam param = readParam(reader);
            int factor = minShortSide > 0 ? Math.min(8, Math.min(width, height) / minShortSide) : 1;
            if (factor >= 2) {
                param.setSourceSubsampling(factor, factor, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new ImageRejectedException(Reason.CORRUPT, format + " reader returned no image");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            // decoders signal bad data with IOException and, for some damage, with runtime exceptions
            throw new ImageRejectedException(Reason.CORRUPT, format + " data cannot be decoded: " + e, e);
        }
    }

    /**
     * PIL, and so transformers, ignore embedded ICC profiles of RGB images: the model was trained
     * on the stored sample values. Readers that would convert such an image to sRGB (TwelveMonkeys'
     * JPEG reader does) are asked for the raw samples instead. CMYK and YCCK still go through the
     * reader's conversion, since the model needs RGB.
     */
    private static ImageReadParam readParam(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null) {
            ColorSpace cs = raw.getColorModel().getColorSpace();
            if (cs.getType() == ColorSpace.TYPE_RGB && !cs.isCS_sRGB()) {
                param.setDestinationType(raw);
            }
        }
        return param;
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /**
     * ImageIO discovers plugins through the class loader that first touches it; in an application
     * server or a Flink task that may not be the one holding TwelveMonkeys, so the readers this
     * decoder relies on are registered explicitly.
     */
    private static void registerReaders() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<ImageReaderSpi> spis = List.of(
                new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi(),
                new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi(),
                new com.twelvemonkeys.imageio.plugins.bmp.BMPImageReaderSpi());
        for (ImageReaderSpi spi : spis) {
            if (registry.getServiceProviderByClass(spi.getClass()) == null) {
                registry.registerServiceProvider(spi, ImageReaderSpi.class);
            }
        }
    }
}
