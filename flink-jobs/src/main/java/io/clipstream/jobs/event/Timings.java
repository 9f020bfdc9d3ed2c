package io.clipstream.jobs.event;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Wall-clock milestones of one record, in epoch milliseconds ({@code 0} when not reached), so that
 * results can report where their latency went.
 */
@PublicEvolving
public class Timings {

    /** The event time the producer gave the record. */
    public long eventTimeMs;
    /** The Kafka timestamp of the record (when it was produced). */
    public long producedMs;
    /** When the source read the record from Kafka. */
    public long ingestMs;
    /** When the record entered the encoder's batch. */
    public long enqueuedMs;
    /** When the model call that encoded the record returned. */
    public long encodedMs;
    /** Duration of that model call (shared by every record of the batch). */
    public long encodeDurationMs;
    /** How many records that model call encoded. */
    public int batchSize;

    public Timings() {}

    public Timings(long eventTimeMs, long ingestMs) {
        this.eventTimeMs = eventTimeMs;
        this.ingestMs = ingestMs;
    }

    /** A copy, so that records fanned out to several results never share one mutable instance. */
    public Timings copy() {
        Timings t = new Timings(eventTimeMs, ingestMs);
        t.producedMs = producedMs;
        t.enqueuedMs = enqueuedMs;
        t.encodedMs = encodedMs;
        t.encodeDurationMs = encodeDurationMs;
        t.batchSize = batchSize;
        return t;
    }

    @Override
    public String toString() {
        return "Timings{event=" + eventTimeMs + ", produced=" + producedMs + ", ingest=" + ingestMs + ", enqueued=" + enqueuedMs
                + ", encoded=" + encodedMs + ", encodeMs=" + encodeDurationMs + ", batch=" + batchSize + "}";
    }
}
