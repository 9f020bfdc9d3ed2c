package io.clipstream.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import io.clipstream.model.ClipModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** What the encoder takes from and gives to the task it runs in: the assigned GPU and its metrics. */
class EncoderRuntimeTest {

    /** The device and precision the encoder asked its loader for. */
    static final AtomicReference<String> REQUESTED = new AtomicReference<>();

    private static CaptionToEncode caption(String id, String text) {
        CaptionToEncode c = new CaptionToEncode(id, null, text, Provenance.unknown(), new Timings());
        return text.isBlank() ? c : c.withTokens(TinyModels.tokens(text));
    }

    private static ExternalResourceInfo gpu(String index) {
        return new ExternalResourceInfo() {
            @Override
            public Optional<String> getProperty(String key) {
                return "index".equals(key) ? Optional.of(index) : Optional.empty();
            }

            @Override
            public Collection<String> getKeys() {
                return Set.of("index");
            }
        };
    }

    /** Notes what it was asked for and loads the real model on the CPU (this machine has no GPU). */
    static final class NotingLoader implements ModelLoader {
        @Override
        public ClipEncoder load(Path dir, Device device) {
            return load(dir, device, false);
        }

        @Override
        public ClipEncoder load(Path dir, Device device, boolean halfPrecision) {
            REQUESTED.set(device + (halfPrecision ? " fp16" : " fp32"));
            return ClipModel.builder().setModelDir(dir).optDevice(Device.cpu()).build();
        }
    }

    @Test
    void theGpuFlinkAssignedIsTheDeviceTheModelIsLoadedOn() throws Exception {
        MockEnvironment env = new MockEnvironmentBuilder()
                .setExternalResourceInfoProvider(name -> "gpu".equals(name) ? Set.of(gpu("1")) : Set.of())
                .build();
        Configuration conf = new Configuration();
        conf.set(EncoderOptions.MODEL_DIR, TinyModels.dir().toString());
        conf.set(EncoderOptions.HALF_PRECISION, true);
        var operator = new BatchingEncodeOperator<>(EncoderOptions.fromConfiguration(conf), EncodeStep.captions(),
                new NotingLoader());
        try (var h = new OneInputStreamOperatorTestHarness<CaptionToEncode, EncodedCaption>(operator, env)) {
            h.open();
            assertThat(REQUESTED.get()).isEqualTo(Device.gpu(1) + " fp16");
        }
    }

    @Test
    void batchSizeQueueDelayAndThroughputAreReported() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment env = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                            Map<String, String> variables) {
                        return metrics;
                    }
                })
                .build();
        var operator = new BatchingEncodeOperator<>(
                TinyModels.options().optMaxBatchSize(3).optMaxDelay(Duration.ofMillis(50)).build(),
                EncodeStep.captions(), ModelLoader.clipModel());
        try (var h = new OneInputStreamOperatorTestHarness<CaptionToEncode, EncodedCaption>(operator, env)) {
            h.open();
            h.setProcessingTime(1000);
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", "a dog"), 2);
            h.processElement(caption("c3", "a car"), 3); // full: encoded at once, waited 0 ms
            BatchingEncoderCases.settle(h);
            h.processElement(caption("c4", "a red car"), 4);
            h.setProcessingTime(1050); // delay: encoded alone, waited 50 ms
            h.processElement(caption("bad", " "), 5);
            BatchingEncoderCases.settle(h);

            Histogram batchSize = (Histogram) metrics.get("batchSize");
            assertThat(batchSize.getCount()).isEqualTo(2);
            assertThat(batchSize.getStatistics().getMax()).isEqualTo(3);
            assertThat(batchSize.getStatistics().getMin()).isEqualTo(1);
            Histogram queueDelay = (Histogram) metrics.get("queueDelayMs");
            assertThat(queueDelay.getStatistics().getMax()).isEqualTo(50);
            assertThat(queueDelay.getStatistics().getMin()).isEqualTo(0);
            assertThat(((Histogram) metrics.get("encodeTimeMs")).getCount()).isEqualTo(2);
            assertThat(((Counter) metrics.get("recordsEncoded")).getCount()).isEqualTo(4);
            assertThat(((Meter) metrics.get("recordsEncodedPerSecond")).getCount()).isEqualTo(4);
            assertThat(((Counter) metrics.get("recordsRejected")).getCount()).isEqualTo(1);
            // the model's time in all: at least the two calls' times in whole milliseconds, and rated per second
            Histogram encodeTime = (Histogram) metrics.get("encodeTimeMs");
            long wholeMs = Math.round(encodeTime.getStatistics().getMean() * encodeTime.getCount());
            assertThat(((Counter) metrics.get("modelTimeMs")).getCount()).isGreaterThanOrEqualTo(wholeMs);
            assertThat(metrics.get("modelBusyMsPerSecond")).isInstanceOf(Meter.class);
        }
    }

    @Test
    void modelTimeAddsUpCallsShorterThanAMillisecond() {
        EncoderMetrics.ModelTime time = new EncoderMetrics.ModelTime();
        for (int i = 0; i < 10; i++) {
            time.add(400_000L); // 0.4 ms: a small model's call, which whole milliseconds would count as 0
        }
        assertThat(time.getCount()).isEqualTo(4);
        time.inc(6);
        assertThat(time.getCount()).isEqualTo(10);
    }
}
