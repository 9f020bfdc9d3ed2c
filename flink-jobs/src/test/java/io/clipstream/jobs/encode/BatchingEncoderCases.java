package io.clipstream.jobs.encode;

import static io.clipstream.jobs.deadletter.DeadLetterReason.EMPTY_CAPTION;
import static io.clipstream.jobs.deadletter.DeadLetterReason.ENCODE_FAILED;
import static io.clipstream.jobs.deadletter.DeadLetterReason.IMAGE_CORRUPT;
import static io.clipstream.jobs.deadletter.DeadLetters.TAG;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.groups.Tuple.tuple;

import io.clipstream.schemas.DeadLetterEvent;
import ai.djl.Device;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import io.clipstream.model.ClipModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batching encoder on a tiny random checkpoint: real model calls, manual processing time. Run
 * with the model thread ({@link BatchingEncodeOperatorTest}) and on the task thread
 * ({@link TaskThreadEncodeOperatorTest}).
 */
abstract class BatchingEncoderCases {

    /** Batched and separate float32 inference of the same inputs on the CPU agree to this. */
    private static final float TOLERANCE = 1e-5f;
    private static final Duration LONG = Duration.ofHours(1);

    private static ClipModel reference;

    /** The {@code encoder.in-flight-batches} the cases run with. */
    abstract int inFlightBatches();

    @BeforeAll
    static void loadReference() {
        reference = ClipModel.builder().setModelDir(TinyModels.dir()).optDevice(Device.cpu()).build();
        assertThat(reference.onAccelerator()).as("a model on the CPU").isFalse();
    }

    @AfterAll
    static void closeReference() {
        reference.close();
    }

    /** The test's options: the tiny model, on the CPU, with this run's in-flight batches. */
    private EncoderOptions.Builder opts() {
        return TinyModels.options().optInFlightBatches(inFlightBatches());
    }

    static OneInputStreamOperatorTestHarness<CaptionToEncode, EncodedCaption> captions(EncoderOptions options,
            ModelLoader loader) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(
                new BatchingEncodeOperator<>(options, EncodeStep.captions(), loader));
        h.open();
        return h;
    }

    static OneInputStreamOperatorTestHarness<CaptionToEncode, EncodedCaption> captions(EncoderOptions options)
            throws Exception {
        return captions(options, ModelLoader.clipModel());
    }

    /** A caption as the tokenize stage hands it on; a blank one untokenised, as none passes that stage. */
    static CaptionToEncode caption(String id, String text) {
        CaptionToEncode c = new CaptionToEncode(id, "k", text, new Provenance("captions", 0, id.hashCode()),
                new Timings(1, 2));
        return text.isBlank() ? c : c.withTokens(TinyModels.tokens(text));
    }

    private static ImageToEncode image(String id, float[] pixels, List<String> candidates) {
        ImageToEncode image = new ImageToEncode(id, null, pixels, candidates, null, new Provenance("images", 1, 7),
                new Timings(1, 2));
        // as the image stage hands it on; a blank candidate untokenised, as none passes that stage
        image.candidateTokens = candidates.stream().filter(c -> !c.isBlank()).map(TinyModels::tokens).toList();
        return image;
    }

    /**
     * Runs the task's mails (the model thread's hand-backs) until no batch is with the model, as the
     * task thread does between records; what a mail throws, the task would fail with.
     */
    static <H extends AbstractStreamOperatorTestHarness<?>> H settle(H h) throws Exception {
        if (!(h.getOperator() instanceof BatchingEncodeOperator<?, ?> operator)) {
            return h; // the per-record function has no model thread
        }
        TaskMailbox mailbox = h.getTaskMailbox();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (operator.inFlight() > 0 || mailbox.hasMail()) {
            Optional<Mail> mail = mailbox.tryTake(TaskMailbox.MIN_PRIORITY);
            if (mail.isPresent()) {
                mail.get().run();
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("a batch stayed with the model for 60 s");
            } else {
                Thread.sleep(1);
            }
        }
        return h;
    }

    static <T> List<T> values(OneInputStreamOperatorTestHarness<?, T> h) throws Exception {
        return settle(h).extractOutputValues();
    }

    private static void assertVectorsEqual(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("component %d", i).isCloseTo(expected[i], offset(TOLERANCE));
        }
    }

    @Test
    void aFullBatchIsEncodedAtOnceInOneCall() throws Exception {
        try (var h = captions(opts().optMaxBatchSize(3).optMaxDelay(LONG).build())) {
            h.processElement(caption("c1", "a photo of a cat"), 10);
            h.processElement(caption("c2", "a red car"), 11);
            assertThat(values(h)).isEmpty();
            h.processElement(caption("c3", "a blue dog"), 12);

            List<StreamRecord<? extends EncodedCaption>> out = settle(h).extractOutputStreamRecords();
            assertThat(out).extracting(r -> r.getValue().id).containsExactly("c1", "c2", "c3");
            assertThat(out).extracting(StreamRecord::getTimestamp).containsExactly(10L, 11L, 12L);
            float[][] expected = reference.encodeTexts(List.of("a photo of a cat", "a red car", "a blue dog"));
            for (int i = 0; i < 3; i++) {
                EncodedCaption c = out.get(i).getValue();
                assertVectorsEqual(c.vector, expected[i]);
                assertThat(c.timings.batchSize).isEqualTo(3);
                assertThat(c.modelId).isEqualTo(reference.modelId());
                assertThat(c.logitScale).isCloseTo(reference.logitScale(), offset(TOLERANCE));
            }
        }
    }

    @Test
    void aBatchIsEncodedWhenItsOldestRecordHasWaitedTheMaxDelay() throws Exception {
        try (var h = captions(opts().optMaxBatchSize(10).optMaxDelay(Duration.ofMillis(50)).build())) {
            h.setProcessingTime(1000);
            h.processElement(caption("c1", "a cat"), 1);
            h.setProcessingTime(1030);
            h.processElement(caption("c2", "a dog"), 2);
            h.setProcessingTime(1049);
            assertThat(values(h)).isEmpty();
            h.setProcessingTime(1050);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c2");
            assertThat(out).extracting(c -> c.timings.batchSize).containsExactly(2, 2);
            assertThat(out).extracting(c -> c.timings.enqueuedMs).containsExactly(1000L, 1030L);
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();

            // the next batch gets its own deadline
            h.processElement(caption("c3", "a car"), 3);
            h.setProcessingTime(1099);
            assertThat(values(h)).hasSize(2);
            h.setProcessingTime(1100);
            assertThat(values(h)).extracting(c -> c.id).containsExactly("c1", "c2", "c3");
        }
    }

    @Test
    void aSlowModelsBatchWaitsItsShareOfAFullBatchsEncodeTime() throws Exception {
        // 40 ms a call: after a first batch (left out, it pays warm-up) of 2 records, a record costs >= 20 ms, a full batch
        // of 10 >= 200 ms, and half of that (>= 100 ms) is longer than the 5 ms max delay
        EncoderOptions options = opts().optMaxBatchSize(10).optMaxDelay(Duration.ofMillis(5))
                .optMaxDelayShare(0.5).build();
        try (var h = captions(options, SimulatedEncoder.loader(40))) {
            h.setProcessingTime(1000);
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", "a dog"), 2);
            h.setProcessingTime(1005);
            assertThat(values(h)).hasSize(2);
            // the first batch does not count: the next one still goes at the max delay
            h.setProcessingTime(1010);
            h.processElement(caption("c3", "a car"), 3);
            h.processElement(caption("c4", "a bus"), 4);
            h.setProcessingTime(1015);
            assertThat(values(h)).hasSize(4);
            // now the model is known to be slow: a lone record waits for company
            h.setProcessingTime(2000);
            h.processElement(caption("c5", "a cow"), 5);
            h.setProcessingTime(2005);
            assertThat(values(h)).hasSize(4);
            h.setProcessingTime(2099);
            assertThat(values(h)).hasSize(4);
            h.setProcessingTime(2000 + 60_000);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c2", "c3", "c4", "c5");
        }
        // share 0: the max delay alone, however slow the model
        try (var h = captions(opts().optMaxBatchSize(10).optMaxDelay(Duration.ofMillis(5)).optMaxDelayShare(0).build(),
                SimulatedEncoder.loader(40))) {
            for (int batch = 0; batch < 3; batch++) {
                long t = 1000 + 100L * batch;
                h.setProcessingTime(t);
                h.processElement(caption("c" + batch, "a cat"), batch);
                h.setProcessingTime(t + 5);
                assertThat(values(h)).hasSize(batch + 1);
            }
        }
    }

    @Test
    void aBatchIsEncodedOnceTheInputHasPausedForTheIdleFlush() throws Exception {
        try (var h = captions(opts().optMaxBatchSize(10).optMaxDelay(Duration.ofMillis(50))
                .optIdleFlush(Duration.ofMillis(3)).build())) {
            h.setProcessingTime(1000);
            h.processElement(caption("c1", "a cat"), 1);
            h.setProcessingTime(1002);
            h.processElement(caption("c2", "a dog"), 2);
            // 3 ms after the first record but only 1 ms after the second: the input has not paused
            h.setProcessingTime(1003);
            assertThat(values(h)).isEmpty();
            h.setProcessingTime(1004);
            assertThat(values(h)).isEmpty();
            h.setProcessingTime(1005);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c2");
            assertThat(out).extracting(c -> c.timings.batchSize).containsExactly(2, 2);
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void aSteadyInputIsStillEncodedAtTheMaxDelayWithAnIdleFlush() throws Exception {
        try (var h = captions(opts().optMaxBatchSize(100).optMaxDelay(Duration.ofMillis(10))
                .optIdleFlush(Duration.ofMillis(3)).build())) {
            for (int ms = 0; ms < 10; ms++) {
                h.setProcessingTime(1000 + ms);
                h.processElement(caption("c" + ms, "a cat"), ms);
            }
            assertThat(values(h)).isEmpty();
            h.setProcessingTime(1010);
            assertThat(values(h)).hasSize(10);
        }
    }

    @Test
    void nothingIsInFlightAcrossACheckpointBarrier() throws Exception {
        var options = opts().optMaxBatchSize(10).optMaxDelay(LONG).build();
        try (var h = captions(options)) {
            var operator = (BatchingEncodeOperator<?, ?>) h.getOneInputOperator();
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", "a dog"), 2);
            assertThat(operator.pending()).isEqualTo(2);

            h.prepareSnapshotPreBarrier(1L);
            // read without running the mailbox: the barrier itself waited for the model
            assertThat(h.extractOutputValues()).extracting(c -> c.id).containsExactly("c1", "c2");
            assertThat(operator.pending()).isZero();
            assertThat(operator.inFlight()).isZero();
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).as("the delay timer is cancelled").isZero();
            h.snapshot(1L, 100L);
            assertThat(values(h)).as("nothing emitted twice").hasSize(2);
        }
    }

    @Test
    void aWatermarkFlushesTheBatchAheadOfItself() throws Exception {
        try (var h = captions(opts().optMaxBatchSize(10).optMaxDelay(LONG).build())) {
            h.processElement(caption("c1", "a cat"), 5);
            h.processWatermark(new Watermark(6));
            if (inFlightBatches() > 0) {
                assertThat(h.getOutput()).as("the watermark waits behind the batch with the model").isEmpty();
            }
            List<Object> out = new ArrayList<>(settle(h).getOutput());
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
            assertThat(out.get(1)).isEqualTo(new Watermark(6));
        }
    }

    @Test
    void theEndOfInputFlushesTheLastBatch() throws Exception {
        var h = captions(opts().optMaxBatchSize(10).optMaxDelay(LONG).build());
        h.processElement(caption("last", "a small cat"), 1);
        h.close();
        // read without running the mailbox: finishing waited for the model
        assertThat(h.extractOutputValues()).extracting(c -> c.id).containsExactly("last");
    }

    @Test
    void withObjectReuseBufferedInputsAreCopied() throws Exception {
        var operator = new BatchingEncodeOperator<>(opts().optMaxBatchSize(2).optMaxDelay(LONG).build(),
                EncodeStep.captions(), ModelLoader.clipModel());
        try (var h = new OneInputStreamOperatorTestHarness<CaptionToEncode, EncodedCaption>(operator,
                TypeInformation.of(CaptionToEncode.class).createSerializer(new SerializerConfigImpl()))) {
            h.getExecutionConfig().enableObjectReuse();
            h.open();
            CaptionToEncode reused = caption("c1", "a cat");
            h.processElement(reused, 1);
            // what an upstream deserializer with object reuse does: the same instance, new contents
            reused.id = "c2";
            reused.text = "a red car";
            reused.tokens = TinyModels.tokens("a red car");
            h.processElement(reused, 2);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id, c -> c.text)
                    .containsExactly(tuple("c1", "a cat"), tuple("c2", "a red car"));
            assertVectorsEqual(out.get(0).vector, reference.encodeTexts(List.of("a cat", "a red car"))[0]);
        }
    }

    @Test
    void imagesCarryTheirCandidateCaptionVectors() throws Exception {
        var operator = new BatchingEncodeOperator<>(opts().optMaxBatchSize(2).optMaxDelay(LONG).build(),
                EncodeStep.images(), ModelLoader.clipModel());
        try (var h = new OneInputStreamOperatorTestHarness<ImageToEncode, EncodedImage>(operator)) {
            h.open();
            float[] p1 = TinyModels.pixels(1);
            float[] p2 = TinyModels.pixels(2);
            h.processElement(image("i1", p1, List.of("a cat", "a dog")), 1);
            h.processElement(image("i2", p2, List.of()), 2);
            List<EncodedImage> out = values(h);
            assertThat(out).extracting(i -> i.id).containsExactly("i1", "i2");
            float[][] expected = reference.encodePixels(List.of(p1, p2));
            assertVectorsEqual(out.get(0).vector, expected[0]);
            assertVectorsEqual(out.get(1).vector, expected[1]);
            float[][] texts = reference.encodeTexts(List.of("a cat", "a dog"));
            assertThat(out.get(0).candidateVectors).hasSize(2);
            assertVectorsEqual(out.get(0).candidateVectors.get(1), texts[1]);
            assertThat(out.get(1).candidateVectors).isEmpty();
            assertThat(out.get(0).provenance).isEqualTo(new Provenance("images", 1, 7));
        }
    }

    @Test
    void recordsTheModelCannotTakeAreRejectedAndTheRestEncoded() throws Exception {
        var operator = new BatchingEncodeOperator<>(opts().optMaxBatchSize(2).optMaxDelay(LONG).build(),
                EncodeStep.images(), ModelLoader.clipModel());
        try (var h = new OneInputStreamOperatorTestHarness<ImageToEncode, EncodedImage>(operator)) {
            h.open();
            h.processElement(image("bad", new float[12], List.of()), 1);
            h.processElement(image("blank", TinyModels.pixels(3), List.of(" ")), 2);
            h.processElement(image("good", TinyModels.pixels(4), List.of()), 3);
            h.processElement(image("good2", TinyModels.pixels(5), List.of()), 4);
            assertThat(values(h)).extracting(i -> i.id).containsExactly("good", "good2");
            List<DeadLetterEvent> rejected = new ArrayList<>();
            settle(h).getSideOutput(TAG).forEach(r -> rejected.add(r.getValue()));
            assertThat(rejected).extracting(BatchingEncoderCases::idOf, r -> r.getReason().toString(),
                            r -> r.getStage().toString())
                    .containsExactly(tuple("bad", IMAGE_CORRUPT.name(), "encode"),
                            tuple("blank", EMPTY_CAPTION.name(), "encode"));
            assertThat(provenanceOf(rejected.get(0))).isEqualTo(new Provenance("images", 1, 7));
        }
    }

    @Test
    void aFailingBatchIsRetriedRecordByRecordSoOnlyTheFaultyRecordIsRejected() throws Exception {
        // the real model, made to fail on one text: the fault a single corrupt record would cause
        long[] poison = reference.tokenizer().encode("poison");
        ModelLoader failing = (dir, device) -> new FailingOnText(ClipModel.builder().setModelDir(dir)
                .optDevice(device).build(), poison);
        var options = EncoderOptions.builder().setModelDir(TinyModels.dir().toString())
                .optDevice("cpu").optMaxBatchSize(3).optMaxDelay(LONG).optInFlightBatches(inFlightBatches()).build();
        try (var h = captions(options, failing)) {
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", "poison"), 2);
            h.processElement(caption("c3", "a dog"), 3);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c3");
            assertThat(out).extracting(c -> c.timings.batchSize).containsExactly(1, 1);
            assertVectorsEqual(out.get(1).vector, reference.encodeTexts(List.of("a dog"))[0]);
            assertThat(settle(h).getSideOutput(TAG)).singleElement().satisfies(r -> {
                assertThat(idOf(r.getValue())).isEqualTo("c2");
                assertThat(r.getValue().getReason().toString()).isEqualTo(ENCODE_FAILED.name());
                assertThat(r.getTimestamp()).isEqualTo(2L);
            });
        }
    }

    @Test
    void operatorInstancesShareOneModelAndTheLastOneClosesIt() throws Exception {
        var options = opts().build();
        Path dir = Path.of(options.modelDir());
        var first = captions(options);
        var second = captions(options);
        assertThat(SharedModels.references(dir, Device.cpu())).isEqualTo(2);
        first.close();
        assertThat(SharedModels.references(dir, Device.cpu())).isEqualTo(1);
        second.close();
        assertThat(SharedModels.references(dir, Device.cpu())).isZero();
    }

    @Test
    void thePerRecordFunctionCallsTheModelOncePerRecordWithTheSameResult() throws Exception {
        var function = new PerRecordEncodeFunction<>(opts().build(), EncodeStep.captions(),
                ModelLoader.clipModel());
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(function)) {
            h.processElement(caption("c1", "a cat"), 1);
            h.processElement(caption("c2", ""), 2);
            h.processElement(caption("c3", "a big dog"), 3);
            List<EncodedCaption> out = values(h);
            assertThat(out).extracting(c -> c.id).containsExactly("c1", "c3");
            assertThat(out).extracting(c -> c.timings.batchSize).containsExactly(1, 1);
            assertVectorsEqual(out.get(1).vector, reference.encodeTexts(List.of("a big dog"))[0]);
            assertThat(settle(h).getSideOutput(TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().getReason().toString()).isEqualTo(EMPTY_CAPTION.name()));
        }
    }

    /** The id of the refused record, which its dead letter's message starts with. */
    static String idOf(DeadLetterEvent d) {
        String m = d.getMessage().toString();
        return m.substring(0, m.indexOf(": "));
    }

    static Provenance provenanceOf(DeadLetterEvent d) {
        return new Provenance(d.getSourceTopic().toString(), d.getSourcePartition(), d.getSourceOffset());
    }

    /** Delegates to a real model and throws for any batch holding the token row {@code poison}. */
    private static final class FailingOnText extends ForwardingEncoder {
        private final long[] poison;

        FailingOnText(ClipEncoder model, long[] poison) {
            super(model);
            this.poison = poison;
        }

        @Override
        public float[][] encodeTokens(List<long[]> tokens) {
            if (tokens.stream().anyMatch(row -> java.util.Arrays.equals(row, poison))) {
                throw new IllegalStateException("cannot encode " + java.util.Arrays.toString(poison));
            }
            return super.encodeTokens(tokens);
        }
    }
}
