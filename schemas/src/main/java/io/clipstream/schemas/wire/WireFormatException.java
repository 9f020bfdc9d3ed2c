package io.clipstream.schemas.wire;

/** A value that is not a readable clipstream event; {@link #reason()} says why, in a stable code. */
public final class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a value could not be read. The names are the dead-letter reason codes. */
    public enum Reason {
        /** Empty, or without the single-object header {@code C3 01}: not a clipstream Avro event. */
        NOT_AVRO,
        /** The header names a schema fingerprint that is not this event type, in any version. */
        UNKNOWN_SCHEMA,
        /** The body ends before the record does. */
        TRUNCATED,
        /** The body does not decode against the writer schema, or has bytes left over. */
        CORRUPT
    }

    private final Reason reason;

    public WireFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WireFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
