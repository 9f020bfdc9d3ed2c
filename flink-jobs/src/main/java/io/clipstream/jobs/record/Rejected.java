package io.clipstream.jobs.record;

import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.schemas.DeadLetterEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.OutputTag;

/**
 * The former name of the dead-letter side output, kept while callers move to {@link DeadLetters#TAG}.
 *
 * @deprecated use {@link DeadLetters#TAG}; there is one side output for refused records.
 */
@Deprecated
@PublicEvolving
public final class Rejected {
    /** The one side output of refused records: {@link DeadLetters#TAG} itself. */
    public static final OutputTag<DeadLetterEvent> OUTPUT_TAG = DeadLetters.TAG;

    private Rejected() {}
}
