package io.clipstream.jobs.deadletter;

/**
 * Why a record was refused; the enum name is the stable code written in
 * {@code DeadLetterEvent.reason}. New codes may be added; existing ones keep their meaning.
 */
public enum DeadLetterReason {
    /** Record without a value (a tombstone where none is expected). */
    EMPTY_VALUE,
    /** Value larger than the configured maximum message size. */
    OVERSIZED,
    /** Not Avro single-object encoded (no {@code C3 01} header). */
    NOT_AVRO,
    /** The header's schema fingerprint is no known version of the topic's schema. */
    UNKNOWN_SCHEMA,
    /** The value ends before the record does. */
    TRUNCATED,
    /** The body does not decode against its schema. */
    CORRUPT,
    /** A required id (image id, caption id) is empty. */
    MISSING_ID,
    /** A caption text with no visible character. */
    EMPTY_CAPTION,
    /** Another field breaks a rule (a label without vocabulary, too many candidates, ...). */
    INVALID_FIELD,
    /** Image bytes that no decoder can read, or that end early. */
    IMAGE_CORRUPT,
    /** Image format not supported. */
    IMAGE_UNSUPPORTED_FORMAT,
    /** Image file larger than the byte limit. */
    IMAGE_TOO_LARGE,
    /** Image whose header declares more pixels than the limit (decompression bomb). */
    IMAGE_TOO_MANY_PIXELS,
    /** Image URI that could not be fetched (missing file, unreachable host, HTTP error). */
    FETCH_FAILED,
    /** Image reference refused by the fetch policy before anything was read (files, addresses, redirects). */
    FETCH_REFUSED,
    /** Image fetch that took longer than its timeouts. */
    FETCH_TIMEOUT,
    /** Image URI with a scheme other than file, http or https. */
    UNSUPPORTED_SCHEME,
    /** Image asks for a tagging vocabulary that has no labels. */
    UNKNOWN_VOCABULARY,
    /** The model failed on this record. */
    ENCODE_FAILED
}
