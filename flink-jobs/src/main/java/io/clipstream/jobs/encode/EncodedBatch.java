package io.clipstream.jobs.encode;

import io.clipstream.model.ClipEncoder;
import io.clipstream.schemas.DeadLetterEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one model call made of a {@link PendingBatch}: an output per record, or, when the call for
 * the whole batch failed and its records were encoded one at a time, an output or a refusal per
 * record with each one's own encode time. It touches neither Flink's output nor its metrics, so
 * the model thread can make it while the task thread goes on.
 */
final class EncodedBatch<OUT> {

    private static final Logger LOG = LoggerFactory.getLogger(EncodedBatch.class);

    private final List<OUT> outputs;
    /** Null when the whole batch was encoded in one call. */
    private final List<DeadLetterEvent> refusals;
    /** The one call's time, or, record by record, each record's. */
    private final long[] tookNanos;

    private EncodedBatch(List<OUT> outputs, List<DeadLetterEvent> refusals, long[] tookNanos) {
        this.outputs = outputs;
        this.refusals = refusals;
        this.tookNanos = tookNanos;
    }

    /** Encodes {@code batch} in one call of {@code step}, or record by record if that call fails. */
    static <IN, OUT> EncodedBatch<OUT> encode(EncodeStep<IN, OUT> step, ClipEncoder model, List<IN> batch) {
        long start = System.nanoTime();
        try {
            List<OUT> outputs = step.encode(model, batch);
            return new EncodedBatch<>(outputs, null, new long[] {System.nanoTime() - start});
        } catch (RuntimeException e) {
            LOG.warn("Batch of {} failed in {}, encoding its records one at a time", batch.size(), step.stage(), e);
        }
        int n = batch.size();
        List<OUT> outputs = new ArrayList<>(n);
        List<DeadLetterEvent> refusals = new ArrayList<>(n);
        long[] took = new long[n];
        for (int i = 0; i < n; i++) {
            IN value = batch.get(i);
            long one = System.nanoTime();
            try {
                outputs.add(step.encode(model, List.of(value)).get(0));
                refusals.add(null);
            } catch (RuntimeException e) {
                outputs.add(null);
                refusals.add(step.failed(value, e));
            }
            took[i] = System.nanoTime() - one;
        }
        return new EncodedBatch<>(outputs, refusals, took);
    }

    /** Whether the batch's call failed and its records were encoded one at a time. */
    boolean oneByOne() {
        return refusals != null;
    }

    /** The output of record {@code index}, or null when it was refused. */
    OUT output(int index) {
        return outputs.get(index);
    }

    /** The refusal of record {@code index}, or null when it was encoded. */
    DeadLetterEvent refusal(int index) {
        return refusals == null ? null : refusals.get(index);
    }

    /** Nanoseconds the batch's one call took, or, one by one, record {@code index}'s call. */
    long tookNanos(int index) {
        return oneByOne() ? tookNanos[index] : tookNanos[0];
    }
}
