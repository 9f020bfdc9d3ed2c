package io.clipstream.jobs.deadletter;

import static io.clipstream.jobs.deadletter.Stage.DESERIALIZE;
import static io.clipstream.jobs.deadletter.Stage.ENCODE;
import static io.clipstream.jobs.deadletter.Stage.IMAGE;
import static io.clipstream.jobs.deadletter.Stage.OUTPUT;
import static io.clipstream.jobs.deadletter.Stage.TAG;
import static io.clipstream.jobs.deadletter.Stage.TOKENIZE;
import static io.clipstream.jobs.deadletter.Stage.VALIDATE;

import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Why a record was refused; the enum name is the stable code written in
 * {@code DeadLetterEvent.reason} (a string, so new codes need no schema change). New codes may be
 * added; existing ones keep their meaning. Each code names the stages that use it, as the reason
 * table of {@code docs/pipeline.md} lists them (a test keeps the two in step).
 */
@PublicEvolving
public enum DeadLetterReason {
    /** Record without a value, or with a value of zero bytes (a tombstone where none is expected). */
    EMPTY_VALUE(DESERIALIZE),
    /** Value larger than the configured maximum message size. */
    OVERSIZED(DESERIALIZE),
    /** Not Avro single-object encoded (no {@code C3 01} header). */
    NOT_AVRO(DESERIALIZE),
    /** The header's schema fingerprint is no known version of the topic's schema. */
    UNKNOWN_SCHEMA(DESERIALIZE),
    /** The value ends before the record does (also: a declared length longer than the value). */
    TRUNCATED(DESERIALIZE),
    /** The body does not decode against its schema. */
    CORRUPT(DESERIALIZE),
    /** A Kafka key or a field that is copied into outputs or state is longer than its limit. */
    FIELD_TOO_LARGE(DESERIALIZE, VALIDATE),
    /** A required id (image id, caption id, vocabulary, label) is empty. */
    MISSING_ID(VALIDATE),
    /** A caption text with no visible character, or one that tokenises to no token at all. */
    EMPTY_CAPTION(VALIDATE, TOKENIZE, ENCODE),
    /** The tokenizer failed on this caption. */
    TOKENIZE_FAILED(TOKENIZE),
    /** Another field breaks a rule (empty image, too many candidates, a template without {}, ...). */
    INVALID_FIELD(VALIDATE, TAG),
    /** Image bytes that no decoder can read, or that end early. */
    IMAGE_CORRUPT(IMAGE, ENCODE),
    /** Image format not supported. */
    IMAGE_UNSUPPORTED_FORMAT(IMAGE),
    /** Image file larger than the byte limit. */
    IMAGE_TOO_LARGE(IMAGE),
    /** Image whose header declares more pixels than the limit (decompression bomb). */
    IMAGE_TOO_MANY_PIXELS(IMAGE),
    /** Image URI that could not be fetched (missing file, unreachable host, HTTP error, timeout). */
    FETCH_FAILED(IMAGE),
    /** Image reference refused by the fetch policy before anything was read (files, addresses, redirects). */
    FETCH_REFUSED(IMAGE),
    /** Image fetch that took longer than its timeouts. */
    FETCH_TIMEOUT(IMAGE),
    /** Image URI with a scheme other than file, http or https. */
    UNSUPPORTED_SCHEME(IMAGE),
    /** Image asks for a tagging vocabulary that has no labels. */
    UNKNOWN_VOCABULARY(TAG),
    /** The model failed on this record. */
    ENCODE_FAILED(ENCODE, TAG),
    /** The result of this record would be larger than {@code sink.max-record-bytes}. */
    OUTPUT_TOO_LARGE(OUTPUT),
    /** The result of this record could not be turned into its output event. */
    OUTPUT_FAILED(OUTPUT);

    private final Set<Stage> stages;

    DeadLetterReason(Stage first, Stage... more) {
        this.stages = EnumSet.of(first, more);
    }

    /** The stages that refuse records with this reason. */
    public Set<Stage> stages() {
        return EnumSet.copyOf(stages);
    }
}
