package io.clipstream.jobs.match;

import static io.clipstream.jobs.match.Vecs.at;
import static io.clipstream.jobs.match.Vecs.image;
import static io.clipstream.jobs.match.Vecs.softmax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.clipstream.align.Decision;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import java.util.List;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CandidateScoringFunctionTest {

    /** Float math over two-dimensional dot products and a softmax; references computed in double. */
    private static final float TOLERANCE = 1e-5f;

    @Test
    void everyCandidateIsRankedWithProbabilitiesOverTheCandidates() throws Exception {
        EncodedImage img = image("img", "k", 0);
        img.candidateCaptions = List.of("a cat", "a dog", "a car");
        img.candidateVectors = List.of(at(50), at(5), at(120));
        var h = ProcessFunctionTestHarnesses.forProcessFunction(
                new CandidateScoringFunction(MatchOptions.builder().optThreshold(0.9f).build()));
        h.processElement(img, 1);
        h.processElement(image("plain", "k", 0), 2);
        List<MatchResult> out = h.extractOutputValues();
        assertThat(out).extracting(r -> r.captionText).containsExactly("a dog", "a cat", "a car");
        assertThat(out).extracting(r -> r.captionId).containsExactly("img#1", "img#0", "img#2");
        assertThat(out).extracting(r -> r.rank).containsExactly(1, 2, 3);
        assertThat(out).extracting(r -> r.decision).containsExactly(Decision.MATCH, Decision.NO_MATCH, Decision.NO_MATCH);
        assertThat(out.get(0).probability).isCloseTo(softmax(5, 50, 5, 120), offset(TOLERANCE));
        assertThat(out.get(2).probability).isCloseTo(softmax(120, 50, 5, 120), offset(TOLERANCE));
        assertThat(out.stream().mapToDouble(r -> r.probability).sum()).isCloseTo(1.0, offset(1e-5));
        h.close();
    }
}
