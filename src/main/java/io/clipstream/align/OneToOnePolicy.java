package io.clipstream.align;

import java.util.ArrayList;
import java.util.List;

/** The optimal one-to-one assignment of images to captions (see {@link HungarianAssignment}). */
final class OneToOnePolicy implements AlignmentPolicy {

    static final OneToOnePolicy INSTANCE = new OneToOnePolicy();

    private OneToOnePolicy() {}

    @Override
    public String policyName() {
        return "one-to-one";
    }

    @Override
    public List<ScoredPair> align(float[][] images, float[][] captions, ScoringRule scoring, ThresholdPolicy threshold) {
        List<ScoredPair> pairs = new ArrayList<>();
        if (images.length == 0 || captions.length == 0) {
            return pairs;
        }
        float[][] cos = Similarity.cosines(images, captions);
        int[] assigned = HungarianAssignment.maximise(cos);
        for (int i = 0; i < images.length; i++) {
            int j = assigned[i];
            if (j < 0) {
                continue;
            }
            float[] row = cos[i];
            float p = scoring.probabilities(row)[j];
            pairs.add(new ScoredPair(i, j, row[j], p, Scores.rank(row, j), threshold.decide(row[j])));
        }
        return pairs;
    }
}
