package io.clipstream.align;

import java.io.Serializable;

/**
 * How a model family turns cosines into probabilities, so that scoring code never branches on the
 * family: CLIP and Chinese-CLIP take the {@linkplain #softmax softmax} of
 * {@code logitScale · cosine} over the candidates; SigLIP scores each pair on its own with the
 * {@linkplain #sigmoid sigmoid} of {@code logitScale · cosine + logitBias}.
 *
 * <p>When the candidates are spread over several partitions, each partition reports the
 * {@link #normaliser} of its own cosines, {@link #mergeNormalisers} combines them, and
 * {@link #probability(float, double)} gives every pair's probability over all candidates. The
 * softmax's normaliser is the log-sum-exp of the logits; the sigmoid needs none.
 *
 * <pre>{@code
 * ScoringRule rule = encoder.scoring();
 * float[] p = rule.probabilities(cosines);          // one query against its candidates
 * }</pre>
 *
 * <p>Implementations are immutable values.
 */
public interface ScoringRule extends Serializable {

    /** The normaliser of no candidates, where merging starts. */
    double EMPTY = Double.NEGATIVE_INFINITY;

    /** {@code exp(logit_scale)}, the factor applied to cosines. */
    float logitScale();

    /** The bias added to every logit (0 for the softmax families). */
    float logitBias();

    /** Whether each pair is scored alone with a sigmoid (SigLIP) rather than by a softmax over candidates. */
    boolean sigmoid();

    /** The logit of a cosine: {@code logitScale · cosine + logitBias}. */
    default double logit(float cosine) {
        return (double) logitScale() * cosine + logitBias();
    }

    /** What the probabilities of a partition's {@code cosines} need to know of them. */
    double normaliser(float[] cosines);

    /** The normaliser of two partitions together. */
    double mergeNormalisers(double a, double b);

    /** The probability of a pair with {@code cosine}, given the normaliser of all its candidates. */
    float probability(float cosine, double normaliser);

    /** The probability of each candidate of one query. */
    default float[] probabilities(float[] cosines) {
        double normaliser = normaliser(cosines);
        float[] p = new float[cosines.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability(cosines[i], normaliser);
        }
        return p;
    }

    /** CLIP's rule: {@code softmax(logitScale · cosine)} over the candidates. */
    static ScoringRule softmax(float logitScale) {
        return new Softmax(logitScale);
    }

    /** SigLIP's rule: {@code sigmoid(logitScale · cosine + logitBias)} for each pair alone. */
    static ScoringRule sigmoid(float logitScale, float logitBias) {
        return new Sigmoid(logitScale, logitBias);
    }

    /** The rule with these parameters, as records that carry them rebuild it. */
    static ScoringRule of(boolean sigmoid, float logitScale, float logitBias) {
        return sigmoid ? sigmoid(logitScale, logitBias) : softmax(logitScale);
    }

    /** The softmax over candidates. */
    record Softmax(float logitScale) implements ScoringRule {
        @Override
        public float logitBias() {
            return 0f;
        }

        @Override
        public boolean sigmoid() {
            return false;
        }

        @Override
        public double normaliser(float[] cosines) {
            return TopK.logSumExp(cosines, logitScale);
        }

        @Override
        public double mergeNormalisers(double a, double b) {
            return TopK.addLogSumExp(a, b);
        }

        @Override
        public float probability(float cosine, double normaliser) {
            return TopK.probability(cosine, logitScale, normaliser);
        }
    }

    /** The per-pair sigmoid. */
    record Sigmoid(float logitScale, float logitBias) implements ScoringRule {
        @Override
        public boolean sigmoid() {
            return true;
        }

        @Override
        public double normaliser(float[] cosines) {
            return 0;
        }

        @Override
        public double mergeNormalisers(double a, double b) {
            return 0;
        }

        @Override
        public float probability(float cosine, double normaliser) {
            double z = logit(cosine);
            // both branches stay finite for any z
            return (float) (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
        }
    }
}
