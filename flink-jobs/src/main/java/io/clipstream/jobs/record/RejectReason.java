package io.clipstream.jobs.record;

/** Why an operator of this package's consumers refused a record; becomes the dead letter's reason code. */
public enum RejectReason {
    /** The pixel array does not have the {@code 3 * size * size} values the model takes. */
    INVALID_PIXELS,
    /** A caption or prompt without text. */
    EMPTY_TEXT,
    /** The model call failed for this record even when encoded on its own. */
    ENCODE_FAILED,
    /** An image asked to be tagged with a vocabulary that has no labels. */
    UNKNOWN_VOCABULARY,
    /** A label update that cannot be applied (no vocabulary or label name, bad template). */
    INVALID_LABEL
}
