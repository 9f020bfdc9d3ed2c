package io.clipstream.model;

import ai.djl.Device;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one spelling of a device option, in the CLI and the jobs alike: {@code auto}, {@code cpu},
 * {@code gpu} or {@code gpu:<index>}. DJL's own spelling {@code gpu(<index>)} is accepted as an
 * alias of {@code gpu:<index>}.
 */
public final class DeviceSpec {
    /** The GPU when one is seen (or assigned), else the CPU. */
    public static final String AUTO = "auto";

    private static final Pattern INDEXED = Pattern.compile("gpu(?::(\\d+)|\\((\\d+)\\))");

    private DeviceSpec() {}

    /**
     * {@code spec} in the one spelling ({@code gpu(1)} becomes {@code gpu:1}).
     *
     * @throws IllegalArgumentException for anything else, naming the accepted spellings
     */
    public static String canonical(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("device must not be null");
        }
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (AUTO.equals(s) || "cpu".equals(s) || "gpu".equals(s)) {
            return s;
        }
        Matcher m = INDEXED.matcher(s);
        if (m.matches()) {
            String index = m.group(1) != null ? m.group(1) : m.group(2);
            try {
                return "gpu:" + Integer.parseInt(index);
            } catch (NumberFormatException e) {
                // an index too large for an int: reported below
            }
        }
        throw new IllegalArgumentException("device must be 'auto', 'cpu', 'gpu' or 'gpu:<index>', got '" + spec + "'");
    }

    /** The GPU index of a {@code gpu:<index>} spec, else -1. */
    public static int index(String spec) {
        String s = canonical(spec);
        return s.startsWith("gpu:") ? Integer.parseInt(s.substring(4)) : -1;
    }

    /**
     * The device {@code spec} names outright, or {@code null} for {@code auto} (the caller decides);
     * {@code gpu} is the first GPU.
     */
    public static Device explicit(String spec) {
        String s = canonical(spec);
        if (AUTO.equals(s)) {
            return null;
        }
        if ("cpu".equals(s)) {
            return Device.cpu();
        }
        return Device.gpu(Math.max(0, index(s)));
    }
}
