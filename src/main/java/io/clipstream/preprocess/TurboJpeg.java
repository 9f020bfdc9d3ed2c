package io.clipstream.preprocess;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The decompression half of libjpeg-turbo's TurboJPEG API (the 2.x functions, which TurboJPEG 3
 * libraries still export), bound to the system library {@code libturbojpeg.so.0} by JNA direct
 * mapping. Loading happens once, when the class is first used; {@link #available()} says whether
 * it worked and {@link #unavailableReason()} why not. Every native method here may only be called
 * when the library is available.
 */
final class TurboJpeg {
    /** {@code TJPF_BGR}: B, G, R bytes per pixel, the layout of {@code TYPE_3BYTE_BGR}. */
    static final int PF_BGR = 1;
    /** {@code TJCS_CMYK}, {@code TJCS_YCCK}: colour spaces TurboJPEG cannot turn into RGB. */
    static final int CS_CMYK = 3;
    static final int CS_YCCK = 4;
    /** {@code TJERR_WARNING}: the call completed; the data was damaged (a truncated scan comes out grey). */
    static final int ERR_WARNING = 0;
    /** {@code TJFLAG_LIMITSCANS}: a progressive JPEG with more than 500 scans is refused (a CPU bomb). */
    static final int FLAG_LIMIT_SCANS = 32768;

    private static final String[] NAMES = {"libturbojpeg.so.0", "turbojpeg"};
    // before the static initialiser, which uses it
    private static final Pattern VERSION_TEXT = Pattern.compile("libjpeg-turbo version ([0-9][0-9.]*[0-9])");
    private static final String VERSION;
    private static final String UNAVAILABLE;
    private static final int[][] SCALING_FACTORS;

    static {
        String version = null;
        String unavailable = null;
        int[][] factors = new int[0][];
        try {
            NativeLibrary library = load();
            Native.register(TurboJpeg.class, library);
            factors = readScalingFactors();
            version = version(library.getFile());
        } catch (UnsatisfiedLinkError e) {
            unavailable = "libturbojpeg not found: " + firstLine(e);
        } catch (Throwable e) { // NoClassDefFoundError (no JNA), an unusable library
            unavailable = "libturbojpeg not usable: " + e.getClass().getSimpleName() + ": " + firstLine(e);
        }
        VERSION = version;
        UNAVAILABLE = unavailable;
        SCALING_FACTORS = factors;
    }

    private TurboJpeg() {}

    /** Whether the library was loaded and bound. */
    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why the library could not be used; {@code null} when it is available. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** libjpeg-turbo's version as the library states it ({@code 2.1.5}), or its file name. */
    static String version() {
        return VERSION;
    }

    /** The scaling factors the library decodes to, each {@code {num, denom}}; callers must not modify them. */
    static int[][] scalingFactors() {
        return SCALING_FACTORS;
    }

    static native Pointer tjInitDecompress();

    static native int tjDecompressHeader3(Pointer handle, Pointer jpeg, NativeLong size, int[] width, int[] height,
            int[] subsampling, int[] colorspace);

    static native int tjDecompress2(Pointer handle, Pointer jpeg, NativeLong size, Pointer dst, int width, int pitch,
            int height, int pixelFormat, int flags);

    static native Pointer tjGetScalingFactors(int[] count);

    static native String tjGetErrorStr2(Pointer handle);

    static native int tjGetErrorCode(Pointer handle);

    static native int tjDestroy(Pointer handle);

    private static NativeLibrary load() {
        List<String> failures = new ArrayList<>();
        for (String name : NAMES) {
            try {
                return NativeLibrary.getInstance(name);
            } catch (UnsatisfiedLinkError e) {
                failures.add(name);
            }
        }
        throw new UnsatisfiedLinkError("tried " + String.join(", ", failures)
                + "; the package is libturbojpeg0 on Debian, libturbojpeg on Ubuntu");
    }

    private static int[][] readScalingFactors() {
        int[] count = new int[1];
        Pointer p = tjGetScalingFactors(count);
        if (p == null || count[0] <= 0) {
            throw new IllegalStateException("tjGetScalingFactors returned none");
        }
        int[][] factors = new int[count[0]][];
        for (int i = 0; i < count[0]; i++) {
            factors[i] = new int[] {p.getInt(8L * i), p.getInt(8L * i + 4)}; // struct { int num, denom; }
        }
        return factors;
    }

    /**
     * The API has no version call; the library carries its version as text ("libjpeg-turbo
     * version 2.1.5 (build ...)"), which is read from the loaded file once. A library found by the
     * dynamic linker's own search is known by its name only; the process's memory map gives its path.
     */
    private static String version(File file) {
        String name = file == null ? NAMES[0] : file.getName();
        try {
            Path path = file != null && file.isAbsolute() ? file.toPath() : mappedPath();
            if (path == null) {
                return name;
            }
            Matcher m = VERSION_TEXT.matcher(new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : name;
        } catch (IOException | RuntimeException e) {
            return name;
        }
    }

    /** Where the loaded libturbojpeg lies, from {@code /proc/self/maps}; {@code null} elsewhere than Linux. */
    private static Path mappedPath() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                    .filter(p -> p.contains("/libturbojpeg")).findFirst().map(Path::of).orElse(null);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
