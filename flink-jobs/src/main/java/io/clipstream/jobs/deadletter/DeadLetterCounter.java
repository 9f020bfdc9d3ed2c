package io.clipstream.jobs.deadletter;

import io.clipstream.schemas.DeadLetterEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters on their way to the topic, as the metric {@code deadLetters} under the
 * key/value groups {@code reason} and {@code stage}: reporters with labels (Prometheus) show one
 * series per reason and stage, which the Grafana dashboard of {@code deploy/} draws.
 */
@Internal
public final class DeadLetterCounter extends RichMapFunction<DeadLetterEvent, DeadLetterEvent> {
    private static final long serialVersionUID = 1L;

    private transient Map<String, Counter> counters;
    private transient MetricGroup group;

    @Override
    public void open(OpenContext context) {
        counters = new HashMap<>();
        group = getRuntimeContext().getMetricGroup();
    }

    @Override
    public DeadLetterEvent map(DeadLetterEvent d) {
        String reason = d.getReason().toString();
        String stage = d.getStage().toString();
        counters.computeIfAbsent(reason + "|" + stage,
                k -> group.addGroup("reason", reason).addGroup("stage", stage).counter("deadLetters")).inc();
        return d;
    }
}
