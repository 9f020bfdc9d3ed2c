package io.clipstream.jobs.encode;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The encoder's metrics, registered under the operator's metric group: {@code batchSize},
 * {@code queueDelayMs} (time the oldest record of a batch waited) and {@code encodeTimeMs}
 * histograms, the {@code recordsEncodedPerSecond} meter, the {@code recordsRejected} counter, and
 * the time the model spent encoding: {@code modelTimeMs} in all and {@code modelBusyMsPerSecond}
 * (1000 when the model never waits for input, so below 1000 the model is not fed at its speed).
 */
final class EncoderMetrics {

    private static final int WINDOW = 1024;

    final Histogram batchSize;
    final Histogram queueDelayMs;
    final Histogram encodeTimeMs;
    final Counter recordsEncoded;
    final Meter recordsEncodedPerSecond;
    final Counter recordsRejected;
    final ModelTime modelTime;

    EncoderMetrics(MetricGroup group) {
        batchSize = group.histogram("batchSize", new DescriptiveStatisticsHistogram(WINDOW));
        queueDelayMs = group.histogram("queueDelayMs", new DescriptiveStatisticsHistogram(WINDOW));
        encodeTimeMs = group.histogram("encodeTimeMs", new DescriptiveStatisticsHistogram(WINDOW));
        recordsEncoded = group.counter("recordsEncoded");
        recordsEncodedPerSecond = group.meter("recordsEncodedPerSecond", new MeterView(recordsEncoded));
        recordsRejected = group.counter("recordsRejected");
        modelTime = group.counter("modelTimeMs", new ModelTime());
        group.meter("modelBusyMsPerSecond", new MeterView(modelTime));
    }

    /** One model call that encoded {@code records} records in {@code nanos}: its batch size, time and records. */
    void modelCall(int records, long nanos) {
        batchSize.update(records);
        encodeTimeMs.update(nanos / 1_000_000L);
        modelTime.add(nanos);
        recordsEncoded.inc(records);
    }

    /**
     * Milliseconds the model spent in its calls, kept in nanoseconds so that the many short calls
     * of a small model add up exactly (a count in whole milliseconds would drop most of each).
     */
    static final class ModelTime implements Counter {
        private volatile long nanos;

        /** Adds one call's time; only the thread that emits the call's outputs calls this. */
        void add(long callNanos) {
            nanos += callNanos;
        }

        @Override
        public void inc() {
            inc(1);
        }

        @Override
        public void inc(long ms) {
            add(ms * 1_000_000L);
        }

        @Override
        public void dec() {
            dec(1);
        }

        @Override
        public void dec(long ms) {
            add(-ms * 1_000_000L);
        }

        @Override
        public long getCount() {
            return nanos / 1_000_000L;
        }
    }
}
