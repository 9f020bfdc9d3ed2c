package io.clipstream.jobs.deadletter;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.schemas.wire.WireFormatException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The one table from the reason codes of the layers below (the core's image refusals, the wire
 * format's decoding errors) to {@link DeadLetterReason}. Every constant of those enums is listed;
 * a test fails when one is added below and not here, so no refusal falls through to a default.
 */
@Internal
public final class ReasonTable {
    private static final Map<ImageRejectedException.Reason, DeadLetterReason> IMAGE =
            new EnumMap<>(ImageRejectedException.Reason.class);
    private static final Map<WireFormatException.Reason, DeadLetterReason> WIRE =
            new EnumMap<>(WireFormatException.Reason.class);

    static {
        IMAGE.put(ImageRejectedException.Reason.EMPTY, DeadLetterReason.IMAGE_CORRUPT);
        IMAGE.put(ImageRejectedException.Reason.CORRUPT, DeadLetterReason.IMAGE_CORRUPT);
        IMAGE.put(ImageRejectedException.Reason.TOO_LARGE_BYTES, DeadLetterReason.IMAGE_TOO_LARGE);
        IMAGE.put(ImageRejectedException.Reason.TOO_MANY_PIXELS, DeadLetterReason.IMAGE_TOO_MANY_PIXELS);
        IMAGE.put(ImageRejectedException.Reason.UNSUPPORTED_FORMAT, DeadLetterReason.IMAGE_UNSUPPORTED_FORMAT);
        IMAGE.put(ImageRejectedException.Reason.UNSUPPORTED_URI, DeadLetterReason.UNSUPPORTED_SCHEME);
        IMAGE.put(ImageRejectedException.Reason.REFUSED, DeadLetterReason.FETCH_REFUSED);
        IMAGE.put(ImageRejectedException.Reason.NOT_FOUND, DeadLetterReason.FETCH_FAILED);
        IMAGE.put(ImageRejectedException.Reason.FORBIDDEN, DeadLetterReason.FETCH_FAILED);
        IMAGE.put(ImageRejectedException.Reason.FETCH_FAILED, DeadLetterReason.FETCH_FAILED);
        IMAGE.put(ImageRejectedException.Reason.FETCH_TIMEOUT, DeadLetterReason.FETCH_TIMEOUT);

        WIRE.put(WireFormatException.Reason.NOT_AVRO, DeadLetterReason.NOT_AVRO);
        WIRE.put(WireFormatException.Reason.UNKNOWN_SCHEMA, DeadLetterReason.UNKNOWN_SCHEMA);
        WIRE.put(WireFormatException.Reason.TRUNCATED, DeadLetterReason.TRUNCATED);
        WIRE.put(WireFormatException.Reason.CORRUPT, DeadLetterReason.CORRUPT);
    }

    private ReasonTable() {}

    /** The dead-letter reason of an image refusal of the core. */
    public static DeadLetterReason of(ImageRejectedException.Reason reason) {
        DeadLetterReason r = reason == null ? null : IMAGE.get(reason);
        return r == null ? DeadLetterReason.IMAGE_CORRUPT : r;
    }

    /** The dead-letter reason of a wire-format error; {@code null} is {@code CORRUPT}. */
    public static DeadLetterReason of(WireFormatException.Reason reason) {
        DeadLetterReason r = reason == null ? null : WIRE.get(reason);
        return r == null ? DeadLetterReason.CORRUPT : r;
    }

    /** Whether every image refusal reason has its row. */
    static boolean coversImageReasons() {
        return IMAGE.size() == ImageRejectedException.Reason.values().length;
    }

    /** Whether every wire-format reason has its row. */
    static boolean coversWireReasons() {
        return WIRE.size() == WireFormatException.Reason.values().length;
    }
}
