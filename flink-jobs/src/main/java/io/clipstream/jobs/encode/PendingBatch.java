package io.clipstream.jobs.encode;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The records of one model call, from the first that joins it until their outputs are emitted:
 * each with its timestamp and the time it joined, and the watermarks that arrived while the batch
 * was with the model, which are emitted right after its outputs so that no record overtakes them.
 */
final class PendingBatch<IN> {

    private final List<IN> values;
    private final long[] timestamps;
    private final boolean[] hasTimestamp;
    private final long[] enqueuedMs;
    private final List<Watermark> watermarksAfter = new ArrayList<>(1);

    PendingBatch(int capacity) {
        values = new ArrayList<>(capacity);
        timestamps = new long[capacity];
        hasTimestamp = new boolean[capacity];
        enqueuedMs = new long[capacity];
    }

    /** Adds {@code value}, which came in {@code element}, at {@code nowMs}. */
    void add(IN value, StreamRecord<?> element, long nowMs) {
        int n = values.size();
        values.add(value);
        hasTimestamp[n] = element.hasTimestamp();
        timestamps[n] = element.hasTimestamp() ? element.getTimestamp() : 0L;
        enqueuedMs[n] = nowMs;
    }

    List<IN> values() {
        return values;
    }

    int size() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** When record {@code index} joined the batch. */
    long enqueuedMs(int index) {
        return enqueuedMs[index];
    }

    /** The record's timestamp, or null when it came without one. */
    Long timestamp(int index) {
        return hasTimestamp[index] ? timestamps[index] : null;
    }

    /** {@code out} as a record with the timestamp of input {@code index}. */
    <T> StreamRecord<T> record(int index, T out) {
        return hasTimestamp[index] ? new StreamRecord<>(out, timestamps[index]) : new StreamRecord<>(out);
    }

    /** Holds {@code mark} back until this batch's outputs are emitted. */
    void emitAfter(Watermark mark) {
        watermarksAfter.add(mark);
    }

    List<Watermark> watermarksAfter() {
        return watermarksAfter;
    }
}
