package io.clipstream.preprocess;

/**
 * An image that cannot be used, with a machine-readable {@link Reason} the pipeline turns into a
 * dead-letter reason code and a message for people.
 *
 * <p>Unchecked on purpose: it is thrown from functional code (operators, lambdas) and every caller
 * that handles it does so at one place, where the record is routed to the dead-letter topic.
 */
public final class ImageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an image was refused. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** More encoded bytes than the limit allows (also while a fetch is still streaming). */
        TOO_LARGE_BYTES,
        /** The header declares more pixels than the limit allows; nothing was decoded. */
        TOO_MANY_PIXELS,
        /** The bytes are not a format a reader is installed for (JPEG, PNG, GIF, BMP, WebP). */
        UNSUPPORTED_FORMAT,
        /** A known format whose header or data cannot be read. */
        CORRUPT,
        /** A URI scheme the fetcher does not handle, or a malformed URI. */
        UNSUPPORTED_URI,
        /**
         * Refused by the fetch policy before anything was read: file references not allowed or
         * outside the file roots, an address that is not allowed (loopback, private, link-local,
         * ...), a redirect to one or from https to http.
         */
        REFUSED,
        /** The resource does not exist (HTTP 404/410, missing file). */
        NOT_FOUND,
        /** The server or file system refused access (HTTP 401/403, unreadable file). */
        FORBIDDEN,
        /** The fetch failed: connection refused, HTTP error status, I/O error. */
        FETCH_FAILED,
        /** Connecting or reading took longer than the configured timeout. */
        FETCH_TIMEOUT
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The machine-readable reason. */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "ImageRejectedException[" + reason + "]: " + getMessage();
    }
}
