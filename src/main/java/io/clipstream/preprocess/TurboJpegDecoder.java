package io.clipstream.preprocess;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.ref.Cleaner;

/**
 * JPEG decoding through libjpeg-turbo: at full size for {@link PreprocessMode#EXACT} (the library
 * Pillow decodes with, with its default accurate integer DCT and smooth upsampling, so the pixels
 * are Pillow's), and with DCT scaling for {@link PreprocessMode#FAST}, where the inverse DCT
 * produces the reduced image directly (1/2, 1/4, 1/8 ...), so a full-size image is never turned
 * into pixels. The header is read first and the {@link ImageLimits} apply to the size it declares,
 * before anything is decompressed.
 *
 * <p>A TurboJPEG handle is not thread-safe: every thread keeps its own, reused across calls and
 * destroyed when the thread is gone (or replaced after an error, whose state it may keep), with
 * native buffers for the bytes and the pixels; the pixels are then copied into a
 * {@code TYPE_3BYTE_BGR} image, which the processor reads directly.
 */
final class TurboJpegDecoder {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<NativeState> STATES = ThreadLocal.withInitial(NativeState::new);
    private static final int FLAGS = TurboJpeg.FLAG_LIMIT_SCANS;

    private TurboJpegDecoder() {}

    /** Whether {@code bytes} start like a JPEG stream (SOI followed by a marker). */
    static boolean isJpeg(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xD8 && bytes[2] == (byte) 0xFF;
    }

    /**
     * Decodes {@code jpeg} reduced by the smallest scaling factor that keeps its shorter side at
     * least {@code minShortSide}, or at full size when {@code minShortSide} is 0; {@code null} for
     * a CMYK or YCCK JPEG, which TurboJPEG cannot turn into RGB (the caller decodes it another way).
     *
     * @throws ImageRejectedException {@code TOO_MANY_PIXELS} from the header, or {@code CORRUPT}
     */
    static BufferedImage decode(byte[] jpeg, ImageLimits limits, int minShortSide) {
        NativeState s = STATES.get();
        Memory in = s.input(jpeg.length);
        try {
            in.write(0, jpeg, 0, jpeg.length);
            return decode(s, in, new NativeLong(jpeg.length), limits, minShortSide);
        } finally {
            s.release(in);
        }
    }

    private static BufferedImage decode(NativeState s, Memory in, NativeLong size, ImageLimits limits, int minShortSide) {
        Pointer handle = s.handle();
        // a stream of tables only (or cut before its frame header) succeeds without setting the size
        s.width[0] = 0;
        s.height[0] = 0;
        if (TurboJpeg.tjDecompressHeader3(handle, in, size, s.width, s.height, s.subsampling, s.colorspace) != 0) {
            throw s.failed("JPEG header cannot be read: ");
        }
        int width = s.width[0];
        int height = s.height[0];
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException(Reason.CORRUPT, "JPEG header declares no image (" + width + "x" + height + ")");
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, "JPEG declares " + width + "x" + height
                    + " = " + pixels + " pixels, more than the limit of " + limits.maxPixels());
        }
        if (s.colorspace[0] == TurboJpeg.CS_CMYK || s.colorspace[0] == TurboJpeg.CS_YCCK) {
            return null;
        }
        int[] factor = minShortSide > 0 ? scalingFactor(width, height, minShortSide) : new int[] {1, 1};
        int w = scaled(width, factor);
        int h = scaled(height, factor);
        long bytes = (long) w * h * 3;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, "JPEG of " + w + "x" + h + " does not fit an array");
        }
        Memory out = s.output(bytes);
        try {
            // w and h are a scaling factor's exact result, so the library writes exactly w * h pixels into out;
            // a warning (extraneous bytes, a truncated scan) still gives the image, as ImageIO's reader and Pillow do
            if (TurboJpeg.tjDecompress2(handle, in, size, out, w, 3 * w, h, TurboJpeg.PF_BGR, FLAGS) != 0
                    && TurboJpeg.tjGetErrorCode(handle) != TurboJpeg.ERR_WARNING) {
                throw s.failed("JPEG data cannot be decoded: ");
            }
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            out.read(0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, (int) bytes);
            return image;
        } finally {
            s.release(out);
        }
    }

    /**
     * The smallest of the library's factors (at most 1) whose result keeps the shorter side at
     * least {@code minShortSide}; 1/1 when none reduces. As {@code {num, denom}}.
     */
    static int[] scalingFactor(int width, int height, int minShortSide) {
        int[] best = {1, 1};
        int shortSide = Math.min(width, height);
        for (int[] f : TurboJpeg.scalingFactors()) {
            if (f[0] <= f[1] && scaled(shortSide, f) >= minShortSide && (long) f[0] * best[1] < (long) best[0] * f[1]) {
                best = f;
            }
        }
        return best;
    }

    /** {@code TJSCALED}: the size of a side after scaling, rounded up. */
    static int scaled(int side, int[] factor) {
        return (int) (((long) side * factor[0] + factor[1] - 1) / factor[1]);
    }

    /**
     * One thread's handle, the out-parameters of the header call and native buffers for the
     * compressed bytes and the pixels (Java arrays passed to a native call are copied in and back
     * out; these are written and read once). Buffers up to {@link #KEPT_BUFFER_BYTES} are kept for
     * the next image; larger ones are freed when their image is done.
     */
    private static final class NativeState {
        private static final long KEPT_BUFFER_BYTES = 4L << 20;
        final int[] width = new int[1];
        final int[] height = new int[1];
        final int[] subsampling = new int[1];
        final int[] colorspace = new int[1];
        private Pointer handle;
        private Cleaner.Cleanable cleanable;
        private final KeptBuffer input = new KeptBuffer(256 << 10);
        private final KeptBuffer output = new KeptBuffer(512 << 10);

        Memory input(long bytes) {
            return input.get(bytes);
        }

        Memory output(long bytes) {
            return output.get(bytes);
        }

        /** Frees {@code buffer} now unless it is one this state keeps. */
        void release(Memory buffer) {
            if (!input.holds(buffer) && !output.holds(buffer)) {
                buffer.close();
            }
        }

        Pointer handle() {
            if (handle == null) {
                Pointer h = TurboJpeg.tjInitDecompress();
                if (h == null) {
                    throw new IllegalStateException("tjInitDecompress failed: " + TurboJpeg.tjGetErrorStr2(null));
                }
                handle = h;
                // the action holds the native pointer only, never this state, so the state can be collected
                cleanable = CLEANER.register(this, () -> TurboJpeg.tjDestroy(h));
            }
            return handle;
        }

        /** The rejection for the last call's error; the handle is destroyed and a fresh one made next time. */
        ImageRejectedException failed(String what) {
            String message = TurboJpeg.tjGetErrorStr2(handle);
            cleanable.clean();
            handle = null;
            cleanable = null;
            return new ImageRejectedException(Reason.CORRUPT, what + message);
        }
    }

    /**
     * A native buffer kept from image to image, grown as needed up to {@link NativeState#KEPT_BUFFER_BYTES};
     * a larger request gets a buffer of its own, freed when its image is done.
     */
    private static final class KeptBuffer {
        private final long smallest;
        private Memory kept;

        KeptBuffer(long smallest) {
            this.smallest = smallest;
        }

        Memory get(long bytes) {
            if (bytes > NativeState.KEPT_BUFFER_BYTES) {
                return new Memory(bytes);
            }
            if (kept == null || kept.size() < bytes) {
                if (kept != null) {
                    kept.close();
                }
                kept = new Memory(Math.max(bytes, smallest));
            }
            return kept;
        }

        boolean holds(Memory buffer) {
            return buffer == kept;
        }
    }
}
