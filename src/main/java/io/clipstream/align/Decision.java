package io.clipstream.align;

/** The verdict on one image-caption pair once a calibrated threshold has been applied. */
public enum Decision {
    /** The pair scores at or above the threshold: the caption belongs to the image. */
    MATCH,
    /** The pair scores below the threshold: it is reported so that misfits can be flagged. */
    NO_MATCH
}
