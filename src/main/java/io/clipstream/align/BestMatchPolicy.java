package io.clipstream.align;

import java.util.ArrayList;
import java.util.List;

/** The best caption of every image, or the best image of every caption. */
enum BestMatchPolicy implements AlignmentPolicy {
    CAPTION_PER_IMAGE("best-caption-per-image"),
    IMAGE_PER_CAPTION("best-image-per-caption");

    private final String policyName;

    BestMatchPolicy(String policyName) {
        this.policyName = policyName;
    }

    @Override
    public String policyName() {
        return policyName;
    }

    @Override
    public List<ScoredPair> align(float[][] images, float[][] captions, ScoringRule scoring, ThresholdPolicy threshold) {
        List<ScoredPair> pairs = new ArrayList<>();
        if (images.length == 0 || captions.length == 0) {
            return pairs;
        }
        float[][] cos = Similarity.cosines(images, captions);
        if (this == CAPTION_PER_IMAGE) {
            for (int i = 0; i < images.length; i++) {
                float[] row = cos[i];
                int j = Scores.argmax(row);
                float p = scoring.probabilities(row)[j];
                pairs.add(new ScoredPair(i, j, row[j], p, 1, threshold.decide(row[j])));
            }
        } else {
            for (int j = 0; j < captions.length; j++) {
                float[] col = Scores.column(cos, j);
                int i = Scores.argmax(col);
                float p = scoring.probabilities(col)[i];
                pairs.add(new ScoredPair(i, j, col[i], p, 1, threshold.decide(col[i])));
            }
        }
        return pairs;
    }
}
