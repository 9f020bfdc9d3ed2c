package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * Checks a decoded event's fields. A policy: the sources take one, and {@link Validators} has the
 * pipeline's.
 */
@FunctionalInterface
@Internal
public interface Validator<T> extends Serializable {

    /** Null when the event is acceptable, else why not. */
    Violation check(T event);

    /** A broken rule: its reason code and a message naming the field. */
    record Violation(DeadLetterReason reason, String message) implements Serializable {}

    /** Accepts everything. */
    static <T> Validator<T> none() {
        return e -> null;
    }
}
