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
 * histograms, the {@code recordsEncodedPerSecond} meter and the {@code recordsRejected} counter.
 */
final class EncoderMetrics {

    private static final int WINDOW = 1024;

    final Histogram batchSize;
    final Histogram queueDelayMs;
    final Histogram encodeTimeMs;
    final Counter recordsEncoded;
    final Meter recordsEncodedPerSecond;
    final Counter recordsRejected;

    EncoderMetrics(MetricGroup group) {
        batchSize = group.histogram("batchSize", new DescriptiveStatisticsHistogram(WINDOW));
        queueDelayMs = group.histogram("queueDelayMs", new DescriptiveStatisticsHistogram(WINDOW));
        encodeTimeMs = group.histogram("encodeTimeMs", new DescriptiveStatisticsHistogram(WINDOW));
        recordsEncoded = group.counter("recordsEncoded");
        recordsEncodedPerSecond = group.meter("recordsEncodedPerSecond", new MeterView(recordsEncoded));
        recordsRejected = group.counter("recordsRejected");
    }
}
