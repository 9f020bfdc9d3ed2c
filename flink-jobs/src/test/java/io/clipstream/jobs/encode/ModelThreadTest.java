package io.clipstream.jobs.encode;

import static io.clipstream.jobs.encode.BatchingEncoderCases.caption;
import static io.clipstream.jobs.encode.BatchingEncoderCases.captions;
import static io.clipstream.jobs.encode.BatchingEncoderCases.settle;
import static io.clipstream.jobs.encode.BatchingEncoderCases.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.model.ClipEncoder;
import io.clipstream.model.ClipModel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The encoder's model thread, with a real model behind a gate the test opens: the task thread goes on
 * batching while the model encodes, waits when the model holds its limit, sends a batch that came due
 * meanwhile as soon as the model hands back, and fails the task when the model thread fails.
 */
class ModelThreadTest {

    private static final Duration LONG = Duration.ofHours(1);

    /** A real model whose every call waits for a permit and notes the thread it ran on. */
    private static final class Gated extends ForwardingEncoder {
        final Semaphore permits = new Semaphore(0);
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        Gated(ClipEncoder model) {
            super(model);
        }

        @Override
        public float[][] encodeTokens(List<long[]> tokens) {
            threads.add(Thread.currentThread().getName());
            permits.acquireUninterruptibly();
            return super.encodeTokens(tokens);
        }
    }

    private Gated gated;

    private ModelLoader gatedLoader() {
        return (dir, device) -> gated = new Gated(ClipModel.builder().setModelDir(dir).optDevice(device).build());
    }

    private static EncoderOptions.Builder options() {
        return TinyModels.options().optInFlightBatches(1);
    }

    @Test
    void whileTheModelEncodesTheTaskThreadGoesOnBatching() throws Exception {
        try (var h = captions(options().optMaxBatchSize(2).optMaxDelay(LONG).build(), gatedLoader())) {
            var operator = (BatchingEncodeOperator<?, ?>) h.getOperator();
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", "a dog"), 2);
            h.processElement(caption("c3", "a car"), 3);
            // the first batch is with the model, which has not finished: the third record was taken meanwhile
            assertThat(operator.inFlight()).isEqualTo(1);
            assertThat(operator.pending()).isEqualTo(1);
            assertThat(h.extractOutputValues()).isEmpty();

            gated.permits.release();
            assertThat(values(h)).extracting(c -> c.id).containsExactly("c1", "c2");
            h.processElement(caption("c4", "a bus"), 4);
            gated.permits.release();
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c2", "c3", "c4");
            assertThat(out).extracting(c -> c.timings.batchSize).containsExactly(2, 2, 2, 2);
            assertThat(gated.threads).singleElement().satisfies(name -> assertThat(name).startsWith("encode-captions-model-"));
        }
    }

    @Test
    void aFullBatchWaitsWhileTheModelHoldsItsLimit() throws Exception {
        try (var h = captions(options().optMaxBatchSize(2).optMaxDelay(LONG).build(), gatedLoader())) {
            var operator = (BatchingEncodeOperator<?, ?>) h.getOperator();
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", "a dog"), 2);
            h.processElement(caption("c3", "a car"), 3);
            Thread opener = new Thread(() -> {
                sleepQuietly(200);
                gated.permits.release(2);
            });
            opener.start();
            // the second batch is full while the first is with the model: the task thread waits for the model
            h.processElement(caption("c4", "a bus"), 4);
            assertThat(h.extractOutputValues()).as("emitted while the task thread waited")
                    .extracting(c -> c.id).containsExactly("c1", "c2");
            assertThat(operator.inFlight()).isEqualTo(1);
            assertThat(operator.pending()).isZero();
            assertThat(values(h)).extracting(c -> c.id).containsExactly("c1", "c2", "c3", "c4");
            opener.join();
        }
    }

    @Test
    void aBatchThatComesDueWhileTheModelIsBusyGoesAsSoonAsItHandsBack() throws Exception {
        try (var h = captions(options().optMaxBatchSize(10).optMaxDelay(Duration.ofMillis(5)).build(), gatedLoader())) {
            var operator = (BatchingEncodeOperator<?, ?>) h.getOperator();
            h.setProcessingTime(1000);
            h.processElement(caption("c1", "a cat"), 1);
            h.setProcessingTime(1005);
            assertThat(operator.inFlight()).isEqualTo(1);
            h.setProcessingTime(1006);
            h.processElement(caption("c2", "a dog"), 2);
            h.setProcessingTime(1011);
            assertThat(operator.pending()).as("due, but the model is busy").isEqualTo(1);

            gated.permits.release(2);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c2");
            assertThat(out).extracting(c -> c.timings.batchSize).containsExactly(1, 1);
            assertThat(operator.pending()).isZero();
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void aFailureOfTheModelThreadFailsTheTask() throws Exception {
        ModelLoader broken = (dir, device) -> new ForwardingEncoder(
                ClipModel.builder().setModelDir(dir).optDevice(device).build()) {
            @Override
            public float[][] encodeTokens(List<long[]> tokens) {
                throw new LinkageError("the native library went away");
            }
        };
        var h = captions(options().optMaxBatchSize(1).build(), broken);
        try {
            h.processElement(caption("c1", "a cat"), 1);
            assertThatThrownBy(() -> settle(h))
                    .hasMessageContaining("encode-captions's model thread failed")
                    .hasRootCauseInstanceOf(LinkageError.class);
            assertThatThrownBy(h::close).as("finishing does not wait for a batch that never comes back")
                    .hasMessageContaining("encode-captions's model thread failed");
        } finally {
            h.getOperator().close();
        }
        assertThat(SharedModels.references(TinyModels.dir(), Device.cpu())).isZero();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
