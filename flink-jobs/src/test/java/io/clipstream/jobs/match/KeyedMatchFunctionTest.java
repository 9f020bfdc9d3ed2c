package io.clipstream.jobs.match;

import static io.clipstream.jobs.match.Vecs.caption;
import static io.clipstream.jobs.match.Vecs.cos;
import static io.clipstream.jobs.match.Vecs.image;
import static io.clipstream.jobs.match.Vecs.softmax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.groups.Tuple.tuple;

import io.clipstream.align.Decision;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class KeyedMatchFunctionTest {

    /** Float math over two-dimensional dot products and a softmax; references computed in double. */
    private static final float TOLERANCE = 1e-5f;

    private static KeyedTwoInputStreamOperatorTestHarness<String, EncodedImage, EncodedCaption, MatchResult> harness(
            MatchOptions options) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, EncodedImage, EncodedCaption, MatchResult> h =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new KeyedMatchFunction(options),
                        i -> i.key, c -> c.key, Types.STRING);
        return h;
    }

    private static MatchOptions options(String policy) {
        return MatchOptions.builder().optPolicy(policy).optThreshold(0.9f).build();
    }

    @Test
    void bestCaptionPerImageEmitsWhenTheBestCaptionChanges() throws Exception {
        try (var h = harness(options("best-caption-per-image"))) {
            h.processElement1(image("img", "k", 0), 1);
            assertThat(h.extractOutputValues()).as("no caption yet").isEmpty();

            h.processElement2(caption("far", "k", 40), 2);
            h.processElement2(caption("near", "k", 10), 3);
            h.processElement2(caption("other", "k", 60), 4);

            List<MatchResult> out = h.extractOutputValues();
            assertThat(out).extracting(r -> r.imageId, r -> r.captionId, r -> r.decision)
                    .containsExactly(tuple("img", "far", Decision.NO_MATCH), tuple("img", "near", Decision.MATCH));
            MatchResult near = out.get(1);
            assertThat(near.cosine).isCloseTo(cos(10), offset(TOLERANCE));
            assertThat(near.probability).isCloseTo(softmax(10, 40, 10), offset(TOLERANCE));
            assertThat(near.rank).isEqualTo(1);
            assertThat(near.key).isEqualTo("k");
            assertThat(near.policy).isEqualTo("best-caption-per-image");
            assertThat(near.captionText).isEqualTo("caption near");
        }
    }

    @Test
    void bestImagePerCaptionScoresOverTheImagesOfTheKey() throws Exception {
        try (var h = harness(options("best-image-per-caption"))) {
            h.processElement1(image("a", "k", 0), 1);
            h.processElement1(image("b", "k", 45), 2);
            h.processElement2(caption("c", "k", 40), 3);
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.imageId).isEqualTo("b");
                assertThat(r.probability).isCloseTo(softmax(5, 40, 5), offset(TOLERANCE));
                assertThat(r.decision).isEqualTo(Decision.MATCH);
            });
        }
    }

    @Test
    void oneToOneAssignsEachCaptionOnceAndReassignsWhenBetter() throws Exception {
        try (var h = harness(options("one-to-one"))) {
            h.processElement1(image("i0", "k", 0), 1);
            h.processElement1(image("i20", "k", 20), 2);
            h.processElement2(caption("c15", "k", 15), 3);
            // one caption: the closer image takes it
            assertThat(h.extractOutputValues()).extracting(r -> r.imageId, r -> r.captionId)
                    .containsExactly(tuple("i20", "c15"));
            h.processElement2(caption("cm30", "k", -30), 4);
            // optimum: i0-cm30 + i20-c15 (cos 30 + cos 5) beats i0-c15 + i20-cm30 (cos 15 + cos 50)
            List<MatchResult> out = h.extractOutputValues();
            assertThat(out).extracting(r -> r.imageId, r -> r.captionId)
                    .containsExactly(tuple("i20", "c15"), tuple("i0", "cm30"));
            MatchResult last = out.get(1);
            assertThat(last.rank).as("c15 is i0's best caption, cm30 its second").isEqualTo(2);
            assertThat(last.probability).isCloseTo(softmax(30, 15, 30), offset(TOLERANCE));
            assertThat(last.decision).isEqualTo(Decision.NO_MATCH);
        }
    }

    @Test
    void keysDoNotMeet() throws Exception {
        try (var h = harness(options("best-caption-per-image"))) {
            h.processElement1(image("img", "k1", 0), 1);
            h.processElement2(caption("cap", "k2", 0), 2);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isPositive();
        }
    }

    @Test
    void theBoundPerKeyEvictsTheOldest() throws Exception {
        MatchOptions options = MatchOptions.builder().optPolicy("best-caption-per-image").optMaxPerKey(2).build();
        try (var h = harness(options)) {
            h.processElement2(caption("closest", "k", 1), 1);
            h.processElement2(caption("b", "k", 30), 2);
            h.processElement2(caption("c", "k", 50), 3);
            h.processElement1(image("img", "k", 0), 4);
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.captionId).as("the oldest caption was evicted").isEqualTo("b");
                assertThat(r.probability).isCloseTo(softmax(30, 30, 50), offset(TOLERANCE));
            });
        }
    }

    @Test
    void aRecordDeliveredTwiceIsHeldOnce() throws Exception {
        try (var h = harness(options("best-caption-per-image"))) {
            h.processElement2(caption("c", "k", 10), 1);
            h.processElement2(caption("c", "k", 10), 2);
            h.processElement1(image("img", "k", 0), 3);
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(r -> assertThat(r.probability).isCloseTo(1f, offset(TOLERANCE)));
        }
    }

    @Test
    void stateExpiresAfterTheTtl() throws Exception {
        MatchOptions options = MatchOptions.builder().optStateTtl(Duration.ofSeconds(1)).build();
        try (var h = harness(options)) {
            h.setStateTtlProcessingTime(0);
            h.processElement2(caption("old", "k", 10), 1);
            h.setStateTtlProcessingTime(900);
            h.processElement1(image("early", "k", 0), 2);
            assertThat(h.extractOutputValues()).extracting(r -> r.imageId).containsExactly("early");

            h.setStateTtlProcessingTime(1500);
            h.processElement1(image("late", "k", 0), 3);
            assertThat(h.extractOutputValues()).as("the caption expired before the late image came")
                    .extracting(r -> r.imageId).containsExactly("early");
        }
    }

    @Test
    void laterArrivalsForTheKeyDoNotExtendTheLifeOfEarlierOnes() throws Exception {
        MatchOptions options = MatchOptions.builder().optStateTtl(Duration.ofSeconds(1)).build();
        try (var h = harness(options)) {
            h.setStateTtlProcessingTime(0);
            h.processElement2(caption("first", "k", 1), 1);
            h.setStateTtlProcessingTime(900);
            h.processElement2(caption("second", "k", 30), 2);
            h.setStateTtlProcessingTime(1500);
            h.processElement1(image("img", "k", 0), 3);
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.captionId).as("the closer caption expired 1 s after it arrived").isEqualTo("second");
                assertThat(r.probability).isCloseTo(1f, offset(TOLERANCE));
            });
        }
    }
}
