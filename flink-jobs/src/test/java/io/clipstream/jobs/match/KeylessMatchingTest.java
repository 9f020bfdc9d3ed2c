package io.clipstream.jobs.match;

import static io.clipstream.jobs.match.Vecs.caption;
import static io.clipstream.jobs.match.Vecs.cos;
import static io.clipstream.jobs.match.Vecs.image;
import static io.clipstream.jobs.match.Vecs.softmax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.clipstream.align.Decision;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.PartialTopK;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The two halves of keyless matching: local top-k per subtask and the merge by caption id. */
class KeylessMatchingTest {

    /** Float math over two-dimensional dot products and a softmax; references computed in double. */
    private static final float TOLERANCE = 1e-5f;

    private static final MatchOptions OPTIONS = MatchOptions.builder()
            .optTopK(2)
            .optWindowSize(3)
            .optWindowMaxAge(Duration.ofSeconds(10))
            .optMergeTimeout(Duration.ofSeconds(1))
            .optThreshold(0.9f)
            .build();

    private static TwoInputStreamOperatorTestHarness<EncodedImage, EncodedCaption, PartialTopK> local(int subtask)
            throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new CoProcessOperator<>(new RecentImagesMatchFunction(OPTIONS)),
                128, 2, subtask);
        return h;
    }

    @Test
    void eachSubtaskReportsItsTopKAndTheLogSumExpOfItsWholeWindow() throws Exception {
        try (var h = local(1)) {
            h.open();
            h.processElement1(image("a", null, 0), 1);
            h.processElement1(image("b", null, 30), 2);
            h.processElement1(image("c", null, 80), 3);
            h.processElement2(caption("q", null, 20), 4);
            PartialTopK part = h.extractOutputValues().get(0);
            assertThat(part.subtask).isEqualTo(1);
            assertThat(part.parts).isEqualTo(2);
            assertThat(part.windowSize).isEqualTo(3);
            assertThat(part.candidates).extracting(c -> c.imageId).containsExactly("b", "a");
            assertThat(part.candidates.get(0).cosine).isCloseTo(cos(10), offset(TOLERANCE));
            double lse = Math.log(Math.exp(Vecs.SCALE * cos(20)) + Math.exp(Vecs.SCALE * cos(10))
                    + Math.exp(Vecs.SCALE * cos(60)));
            assertThat(part.logSumExp).isCloseTo(lse, offset(1e-4));
        }
    }

    @Test
    void theWindowIsBoundedByCountAndAge() throws Exception {
        try (var h = local(0)) {
            h.open();
            h.setProcessingTime(0);
            for (int i = 0; i < 5; i++) {
                h.processElement1(image("i" + i, null, i * 10), i);
            }
            h.processElement2(caption("q", null, 0), 5);
            assertThat(h.extractOutputValues().get(0).windowSize).as("count bound").isEqualTo(3);
            assertThat(h.extractOutputValues().get(0).candidates).extracting(c -> c.imageId)
                    .containsExactly("i2", "i3");

            h.setProcessingTime(10_001);
            h.processElement2(caption("q2", null, 0), 6);
            PartialTopK later = h.extractOutputValues().get(1);
            assertThat(later.windowSize).as("age bound").isZero();
            assertThat(later.candidates).isEmpty();
            assertThat(later.logSumExp).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void theWindowSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = local(0)) {
            h.open();
            h.processElement1(image("kept", null, 5), 1);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = local(0)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement2(caption("q", null, 0), 2);
            assertThat(h.extractOutputValues().get(0).candidates).extracting(c -> c.imageId).containsExactly("kept");
        }
    }

    private static PartialTopK localTopK(int subtask, EncodedCaption caption, EncodedImage... images) throws Exception {
        try (var h = local(subtask)) {
            h.open();
            for (EncodedImage image : images) {
                h.processElement1(image, 1);
            }
            h.processElement2(caption, 2);
            return h.extractOutputValues().get(0);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PartialTopK, MatchResult> merge() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TopKMergeFunction(OPTIONS), p -> p.captionId,
                Types.STRING);
    }

    @Test
    void theMergeGivesTheGlobalTopKWithProbabilitiesOverEveryImage() throws Exception {
        EncodedCaption q = caption("q", null, 20);
        PartialTopK zero = localTopK(0, q, image("a", null, 0), image("d", null, 100));
        PartialTopK one = localTopK(1, q, image("b", null, 25), image("c", null, 60), image("e", null, 21));
        try (var h = merge()) {
            h.open();
            h.processElement(zero, 1);
            assertThat(h.extractOutputValues()).as("waits for the second part").isEmpty();
            h.processElement(one, 2);
            List<MatchResult> out = h.extractOutputValues();
            assertThat(out).extracting(r -> r.imageId).containsExactly("e", "b");
            assertThat(out).extracting(r -> r.rank).containsExactly(1, 2);
            assertThat(out.get(0).decision).isEqualTo(Decision.MATCH);
            assertThat(out.get(0).captionId).isEqualTo("q");
            // probabilities over all five images of both subtasks, not just the reported ones
            assertThat(out.get(0).probability).isCloseTo(softmax(1, 20, 80, 5, 40, 1), offset(TOLERANCE));
            assertThat(out.get(1).probability).isCloseTo(softmax(5, 20, 80, 5, 40, 1), offset(TOLERANCE));
        }
    }

    @Test
    void aMissingPartIsWaitedForUntilTheTimeoutAndStragglersAreDropped() throws Exception {
        EncodedCaption q = caption("q", null, 0);
        PartialTopK zero = localTopK(0, q, image("a", null, 10));
        PartialTopK one = localTopK(1, q, image("b", null, 5));
        try (var h = merge()) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(zero, 1);
            h.setProcessingTime(999);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1000);
            assertThat(h.extractOutputValues()).extracting(r -> r.imageId).containsExactly("a");
            assertThat(h.extractOutputValues().get(0).probability).isCloseTo(1f, offset(TOLERANCE));

            h.processElement(one, 2);
            h.setProcessingTime(5000);
            assertThat(h.extractOutputValues()).as("the late part is dropped").hasSize(1);
        }
    }
}
