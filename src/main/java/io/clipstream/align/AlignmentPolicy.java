package io.clipstream.align;

import java.util.List;
import java.util.Locale;

/**
 * How images and captions that may belong together are paired. Vectors are L2-normalised;
 * probabilities follow the model family's {@link ScoringRule} over the candidates of each pair
 * (CLIP: {@code softmax(logitScale * cosine)}; SigLIP: the pair's own sigmoid).
 */
public interface AlignmentPolicy {

    /** Pairs {@code images} with {@code captions}; an empty side yields no pairs. */
    List<ScoredPair> align(float[][] images, float[][] captions, ScoringRule scoring, ThresholdPolicy threshold);

    /** Like {@link #align(float[][], float[][], ScoringRule, ThresholdPolicy)} with CLIP's softmax rule. */
    default List<ScoredPair> align(float[][] images, float[][] captions, float logitScale, ThresholdPolicy threshold) {
        return align(images, captions, ScoringRule.softmax(logitScale), threshold);
    }

    /** The name used in options and on results. */
    String policyName();

    /** Every image with its best caption; probability over the captions. */
    static AlignmentPolicy bestCaptionPerImage() {
        return BestMatchPolicy.CAPTION_PER_IMAGE;
    }

    /** Every caption with its best image; probability over the images. */
    static AlignmentPolicy bestImagePerCaption() {
        return BestMatchPolicy.IMAGE_PER_CAPTION;
    }

    /**
     * Each image with at most one caption and each caption with at most one image, maximising the
     * total cosine (Hungarian algorithm, see {@link HungarianAssignment}); probability over the
     * image's captions.
     */
    static AlignmentPolicy oneToOne() {
        return OneToOnePolicy.INSTANCE;
    }

    /** The policy named {@code best-caption-per-image}, {@code best-image-per-caption} or {@code one-to-one}. */
    static AlignmentPolicy byName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "best-caption-per-image":
                return bestCaptionPerImage();
            case "best-image-per-caption":
                return bestImagePerCaption();
            case "one-to-one":
                return oneToOne();
            default:
                throw new IllegalArgumentException("unknown alignment policy '" + name
                        + "'; expected best-caption-per-image, best-image-per-caption or one-to-one");
        }
    }
}
