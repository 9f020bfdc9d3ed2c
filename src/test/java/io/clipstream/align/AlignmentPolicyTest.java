package io.clipstream.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentPolicyTest {

    /** Float math over a few products; the reference is computed in double. */
    private static final float TOLERANCE = 1e-5f;
    private static final float SCALE = 10f;

    /** A unit vector in the plane at {@code degrees}. */
    private static float[] at(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    private static float softmaxOf(double target, double... all) {
        double sum = 0;
        for (double a : all) {
            sum += Math.exp(SCALE * a);
        }
        return (float) (Math.exp(SCALE * target) / sum);
    }

    @Test
    void bestCaptionPerImagePicksTheClosestCaptionWithProbabilityOverCaptions() {
        float[][] images = {at(0), at(90)};
        float[][] captions = {at(10), at(60), at(100)};
        List<ScoredPair> pairs = AlignmentPolicy.bestCaptionPerImage()
                .align(images, captions, SCALE, ThresholdPolicy.atLeast(0.5f));
        assertThat(pairs).hasSize(2);
        ScoredPair first = pairs.get(0);
        assertThat(first.image()).isEqualTo(0);
        assertThat(first.caption()).isEqualTo(0);
        double c0 = Math.cos(Math.toRadians(10));
        assertThat(first.cosine()).isCloseTo((float) c0, offset(TOLERANCE));
        assertThat(first.probability()).isCloseTo(
                softmaxOf(c0, c0, Math.cos(Math.toRadians(60)), Math.cos(Math.toRadians(100))), offset(TOLERANCE));
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.decision()).isEqualTo(Decision.MATCH);
        assertThat(pairs.get(1).caption()).isEqualTo(2);
    }

    @Test
    void bestImagePerCaptionPicksTheClosestImageWithProbabilityOverImages() {
        float[][] images = {at(0), at(50), at(90)};
        float[][] captions = {at(40)};
        List<ScoredPair> pairs = AlignmentPolicy.bestImagePerCaption()
                .align(images, captions, SCALE, ThresholdPolicy.atLeast(0.5f));
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.image()).isEqualTo(1);
            assertThat(p.caption()).isEqualTo(0);
            double c = Math.cos(Math.toRadians(10));
            assertThat(p.probability()).isCloseTo(
                    softmaxOf(c, Math.cos(Math.toRadians(40)), c, Math.cos(Math.toRadians(50))), offset(TOLERANCE));
        });
    }

    @Test
    void oneToOneGivesEveryImageItsOwnCaptionWhereBestPerImageWouldShareOne() {
        // both images are closest to caption 0; the optimal assignment gives image 0 caption 1
        float[][] images = {at(0), at(20)};
        float[][] captions = {at(15), at(-30)};
        List<ScoredPair> best = AlignmentPolicy.bestCaptionPerImage()
                .align(images, captions, SCALE, ThresholdPolicy.atLeast(0f));
        assertThat(best).extracting(ScoredPair::caption).containsExactly(0, 0);

        List<ScoredPair> oneToOne = AlignmentPolicy.oneToOne()
                .align(images, captions, SCALE, ThresholdPolicy.atLeast(0.9f));
        assertThat(oneToOne).extracting(ScoredPair::image, ScoredPair::caption)
                .containsExactly(tuple(0, 1), tuple(1, 0));
        ScoredPair zero = oneToOne.get(0);
        assertThat(zero.rank()).isEqualTo(2);
        assertThat(zero.cosine()).isCloseTo((float) Math.cos(Math.toRadians(30)), offset(TOLERANCE));
        assertThat(zero.decision()).isEqualTo(Decision.NO_MATCH); // cos 30 = 0.866 < 0.9
        assertThat(oneToOne.get(1).decision()).isEqualTo(Decision.MATCH); // cos 5 = 0.996
    }

    @Test
    void thresholdIsInclusive() {
        ThresholdPolicy t = ThresholdPolicy.atLeast(0.3f);
        assertThat(t.decide(0.3f)).isEqualTo(Decision.MATCH);
        assertThat(t.decide(Math.nextDown(0.3f))).isEqualTo(Decision.NO_MATCH);
        assertThatThrownBy(() -> ThresholdPolicy.atLeast(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptySidesGiveNoPairs() {
        for (AlignmentPolicy p : List.of(AlignmentPolicy.bestCaptionPerImage(), AlignmentPolicy.bestImagePerCaption(),
                AlignmentPolicy.oneToOne())) {
            assertThat(p.align(new float[0][], new float[][] {at(0)}, SCALE, ThresholdPolicy.atLeast(0))).isEmpty();
            assertThat(p.align(new float[][] {at(0)}, new float[0][], SCALE, ThresholdPolicy.atLeast(0))).isEmpty();
        }
    }

    @Test
    void policiesAreFoundByName() {
        assertThat(AlignmentPolicy.byName("one-to-one").policyName()).isEqualTo("one-to-one");
        assertThat(AlignmentPolicy.byName("best-image-per-caption")).isSameAs(AlignmentPolicy.bestImagePerCaption());
        assertThat(AlignmentPolicy.byName("BEST-CAPTION-PER-IMAGE")).isSameAs(AlignmentPolicy.bestCaptionPerImage());
        assertThatThrownBy(() -> AlignmentPolicy.byName("closest")).hasMessageContaining("closest");
    }
}
