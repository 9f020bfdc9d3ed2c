package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The async fetch operator turns every outcome into a result: bytes or a dead letter, never a failure. */
class ImageFetchFunctionTest {

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    /** Answers by the reference's path: bytes, a refusal, a crash, or a fetch that never ends. */
    private static byte[] fake(String reference) {
        switch (reference.substring(reference.lastIndexOf('/') + 1)) {
            case "ok.png":
                return new byte[] {1, 2, 3};
            case "refused.png":
                throw new ImageRejectedException(ImageRejectedException.Reason.REFUSED, "loopback address 127.0.0.1 is not allowed");
            case "crash.png":
                throw new IllegalStateException("root:x:0:0 leaked by a broken plugin");
            default:
                try {
                    NEVER.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new byte[0];
        }
    }

    private static Decoded<ImageEvent> ref(String id, String uri, long offset) {
        return Decoded.ok(ImageEvent.newBuilder().setImageId(id).setImage(new ImageReference(uri))
                .setEventTime(Instant.ofEpochMilli(1)).build(), "images", 1, offset, 2L, 3L);
    }

    private static List<FetchedImage> run(List<Decoded<ImageEvent>> inputs, long advanceTimeTo) throws Exception {
        ImageFetchFunction fn = new ImageFetchFunction(ImageFetchFunctionTest::fake, 4, Duration.ofMillis(300), 1024);
        var harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(fn, 300, 4, AsyncDataStream.OutputMode.UNORDERED),
                Decoded.typeInfo(ImageEvent.class).createSerializer(new SerializerConfigImpl()));
        harness.open();
        synchronized (harness.getCheckpointLock()) {
            for (Decoded<ImageEvent> in : inputs) {
                harness.processElement(new StreamRecord<>(in));
            }
            // the harness's clock is manual: the operator's timeout fires only when it is moved on
            harness.setProcessingTime(advanceTimeTo);
            harness.endInput();
        }
        List<FetchedImage> out = harness.extractOutputValues();
        harness.close();
        return out;
    }

    @Test
    void everyOutcomeIsAResultWithItsProvenance() throws Exception {
        List<FetchedImage> out = run(List.of(ref("ok", "http://img.example/ok.png", 11),
                ref("refused", "http://127.0.0.1/refused.png", 12), ref("crash", "http://img.example/crash.png", 13)), 0);

        Map<String, FetchedImage> byId = out.stream().collect(Collectors.toMap(f -> f.image.event.getImageId().toString(), f -> f));
        assertThat(byId).containsOnlyKeys("ok", "refused", "crash");
        assertThat(byId.get("ok").bytes).containsExactly(1, 2, 3);
        assertThat(byId.get("ok").deadLetter).isNull();
        assertThat(byId.get("refused").deadLetter.getReason().toString()).isEqualTo("FETCH_REFUSED");
        assertThat(byId.get("crash").deadLetter.getReason().toString()).isEqualTo("FETCH_FAILED");
        // a plug-in's exception message is not trusted into the dead letter
        assertThat(byId.get("crash").deadLetter.getMessage().toString()).doesNotContain("root:x");
        for (String id : List.of("refused", "crash")) {
            assertDeadLetterOf(byId.get(id), id);
        }
    }

    @Test
    void aFetchPastTheTimeoutIsAFetchTimeoutDeadLetter() throws Exception {
        List<FetchedImage> out = run(List.of(ref("slow", "http://img.example/slow.png", 10)), 1000);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).deadLetter.getReason().toString()).isEqualTo("FETCH_TIMEOUT");
        assertThat(out.get(0).deadLetter.getMessage().toString()).contains("fetch.timeout");
        assertDeadLetterOf(out.get(0), "slow");
    }

    @Test
    void anInlineImageIsPassedOnAtOnceAheadOfAFetchThatHangs() throws Exception {
        Decoded<ImageEvent> inline = Decoded.ok(ImageEvent.newBuilder().setImageId("inline")
                .setImage(new InlineImage(ByteBuffer.wrap(new byte[] {7}), null))
                .setEventTime(Instant.ofEpochMilli(1)).build(), "images", 0, 20, 2L, 3L);
        List<FetchedImage> out = run(List.of(ref("slow", "http://img.example/slow.png", 10), inline), 1000);

        assertThat(out).extracting(f -> f.image.event.getImageId().toString()).containsExactly("inline", "slow");
        // no bytes of its own and no refusal: the preparer reads the event's own bytes
        assertThat(out.get(0).bytes).isNull();
        assertThat(out.get(0).deadLetter).isNull();
        assertThat(out.get(0).image.offset).isEqualTo(20);
        assertThat(out.get(1).deadLetter.getReason().toString()).isEqualTo("FETCH_TIMEOUT");
    }

    private static void assertDeadLetterOf(FetchedImage f, String id) {
        var d = f.deadLetter;
        assertThat(f.bytes).isNull();
        assertThat(d.getStage().toString()).isEqualTo("image");
        assertThat(d.getSourceTopic().toString()).isEqualTo("images");
        assertThat(d.getSourcePartition()).isEqualTo(1);
        assertThat(d.getSourceOffset()).isBetween(10L, 13L);
        assertThat(StandardCharsets.ISO_8859_1.decode(d.getOriginalBytes()).toString()).contains(id);
    }

    @Test
    void aFetchedImageRoundTripsThroughItsSerializer() throws Exception {
        var s = FetchedImage.typeInfo().createSerializer(new SerializerConfigImpl());
        var out = new org.apache.flink.core.memory.DataOutputSerializer(64);
        s.serialize(FetchedImage.fetched(ref("a", "http://img.example/a.png", 4), new byte[] {9, 8}), out);
        s.serialize(FetchedImage.inline(ref("b", "http://img.example/b.png", 5)), out);
        var in = new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer());
        FetchedImage a = s.deserialize(in);
        FetchedImage b = s.deserialize(in);
        assertThat(a.bytes).containsExactly(9, 8);
        assertThat(a.image.offset).isEqualTo(4);
        assertThat(b.bytes).isNull();
        assertThat(b.deadLetter).isNull();
        assertThat(b.image.event.getImageId().toString()).isEqualTo("b");
    }
}
