package io.clipstream.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The batching encoders' own figures of a benchmark run, as the job reported them: a metric
 * reporter that the benchmark installs in the in-process cluster ({@link #install}) keeps the
 * encoder metrics of the operators that register them, and {@link #summary} reads them once the
 * run has ended. It tells full batches from partial ones and the model's time per image inside the
 * pipeline from what the raw model takes alone. Benchmark-only: it holds the metrics of one run at
 * a time in this process.
 */
@Internal
public final class BenchEncoderMetrics implements MetricReporter {
    private static final String NAME = "clipstream-bench";
    private static final List<String> KEPT = List.of("batchSize", "queueDelayMs", "encodeTimeMs", "recordsEncoded", "modelTimeMs");
    private static final ConcurrentLinkedQueue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    /** One metric of one subtask of an encoder. */
    private record Seen(String operator, String name, Metric metric) {}

    /**
     * Figures of one encoder operator (all its subtasks) over one run; the mean wait and model time are over
     * the batches each subtask's histogram still holds ({@code windowed} of {@code batches}).
     */
    record Encoder(String operator, int subtasks, long batches, long windowed, long records, double modelMs,
            double meanQueueDelayMs, double meanEncodeMs) {
        double meanBatch() {
            return batches == 0 ? Double.NaN : (double) records / batches;
        }

        double modelMsPerImage() {
            return records == 0 ? Double.NaN : modelMs / records;
        }

        /** One line for the benchmark's output; {@code wallSeconds} is how long the job ran. */
        String describe(double wallSeconds) {
            return String.format(Locale.ROOT, "%s: %d batches of %.1f images on average (the last %s: waited %.1f ms and took"
                    + " %.1f ms on average), the model %.3f ms per image, busy %.0f%% of %d subtask(s) x %.1f s (the whole job, start-up included)", operator,
                    batches, meanBatch(), windowed >= batches ? "all" : String.format(Locale.ROOT, "%,d", windowed), meanQueueDelayMs,
                    meanEncodeMs, modelMsPerImage(), 100 * modelMs / 1000 / Math.max(0.001, wallSeconds * subtasks), subtasks,
                    wallSeconds);
        }
    }

    /** Builds this reporter for the cluster; {@link #install} names it. */
    @Internal
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new BenchEncoderMetrics();
        }
    }

    /** {@code conf} with this reporter installed, and what an earlier run left forgotten. */
    static Configuration install(Configuration conf) {
        SEEN.clear();
        Configuration out = new Configuration(conf);
        out.setString("metrics.reporter." + NAME + ".factory.class", Factory.class.getName());
        return out;
    }

    /** The encoders of the run since {@link #install} that encoded anything, by operator name. */
    static List<Encoder> summary() {
        Map<String, List<Seen>> byOperator = new TreeMap<>();
        for (Seen s : SEEN) {
            byOperator.computeIfAbsent(s.operator(), k -> new ArrayList<>()).add(s);
        }
        List<Encoder> out = new ArrayList<>();
        byOperator.forEach((operator, metrics) -> {
            int subtasks = 0;
            long batches = 0;
            long records = 0;
            double modelMs = 0;
            Window delay = new Window();
            Window encode = new Window();
            for (Seen s : metrics) {
                switch (s.name()) {
                    case "batchSize" -> {
                        subtasks++;
                        batches += ((Histogram) s.metric()).getCount();
                    }
                    case "recordsEncoded" -> records += ((Counter) s.metric()).getCount();
                    case "modelTimeMs" -> modelMs += ((Counter) s.metric()).getCount();
                    case "queueDelayMs" -> delay.add((Histogram) s.metric());
                    case "encodeTimeMs" -> encode.add((Histogram) s.metric());
                    default -> { }
                }
            }
            if (batches > 0) {
                out.add(new Encoder(operator, subtasks, batches, encode.size, records, modelMs, delay.mean(), encode.mean()));
            }
        });
        return out;
    }

    /** What the subtasks' histograms of one metric still hold, pooled: their values' sum and count. */
    private static final class Window {
        private double sum;
        private long size;

        void add(Histogram h) {
            int n = h.getStatistics().size();
            if (n > 0) {
                sum += h.getStatistics().getMean() * n;
                size += n;
            }
        }

        double mean() {
            return size == 0 ? Double.NaN : sum / size;
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (KEPT.contains(name)) {
            String operator = group.getAllVariables().get("<operator_name>");
            if (operator != null) {
                SEEN.add(new Seen(operator, name, metric));
            }
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // kept: the run's figures are read after the job has ended and unregistered them
    }
}
