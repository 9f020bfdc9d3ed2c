package io.clipstream.jobs.deadletter;

import org.apache.flink.annotation.PublicEvolving;

/** The pipeline stage that refused a record; written in lower case on the dead letter. */
@PublicEvolving
public enum Stage {
    /** Reading the Kafka record: size, wire format, schema. */
    DESERIALIZE,
    /** Checking the decoded event's fields. */
    VALIDATE,
    /** Fetching, decoding and preprocessing an image. */
    IMAGE,
    /** Tokenising a caption with the model's tokenizer. */
    TOKENIZE,
    /** Running the model. */
    ENCODE,
    /** Matching captions and images. */
    MATCH,
    /** Tagging against a vocabulary. */
    TAG,
    /** Turning a result into its output event within the sinks' record limit. */
    OUTPUT;

    /** The name as written in {@code DeadLetterEvent.stage}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
