package io.clipstream.train;

/**
 * Dynamic loss scaling for float16 training, as in mixed-precision practice (and PyTorch's
 * {@code GradScaler}): the loss is multiplied by {@link #scale()} before the backward pass so small
 * float16 gradients do not flush to zero; a step whose gradients overflow (inf or NaN) is skipped
 * and the scale is multiplied by {@code backoff}; after {@code growthInterval} good steps in a row
 * the scale is multiplied by {@code growth}.
 *
 * <pre>{@code
 * LossScaler scaler = new LossScaler(65536, 2, 0.5, 2000);
 * boolean applied = scaler.step(new LossScaler.ScaledStep() {
 *     public boolean backward(double scale) { ...; return gradientsAreFinite; }
 *     public void apply(double inverseScale) { optimizer.step(..., inverseScale, ...); }
 *     public void skip() { zero the gradients }
 * });
 * }</pre>
 */
public final class LossScaler {

    /** What a step does around the scaler's decision. */
    public interface ScaledStep {
        /** Forward and backward of {@code loss * scale}; true when every gradient is finite. */
        boolean backward(double scale);

        /** Applies the update with gradients multiplied by {@code inverseScale} (unscaled). */
        void apply(double inverseScale);

        /** Discards the gradients of an overflowed step. */
        void skip();
    }

    private static final double MIN_SCALE = 1.0 / (1 << 24);

    private final double growth;
    private final double backoff;
    private final int growthInterval;
    private double scale;
    private int goodSteps;
    private long skipped;

    /**
     * @param initialScale the first scale (65536 = 2^16 is the usual start)
     * @param growth factor applied after {@code growthInterval} good steps, greater than 1
     * @param backoff factor applied on overflow, between 0 and 1
     * @param growthInterval good steps in a row before the scale grows
     */
    public LossScaler(double initialScale, double growth, double backoff, int growthInterval) {
        if (!(initialScale > 0) || !(growth > 1) || !(backoff > 0 && backoff < 1) || growthInterval < 1) {
            throw new IllegalArgumentException("need initialScale > 0, growth > 1, 0 < backoff < 1, growthInterval >= 1");
        }
        this.scale = initialScale;
        this.growth = growth;
        this.backoff = backoff;
        this.growthInterval = growthInterval;
    }

    /** The factor the next step's loss is multiplied by. */
    public double scale() {
        return scale;
    }

    /** Steps skipped because of overflow so far. */
    public long skippedSteps() {
        return skipped;
    }

    /** Runs one step; returns whether the update was applied (false: overflow, skipped, scale lowered). */
    public boolean step(ScaledStep step) {
        double used = scale;
        if (!step.backward(used)) {
            step.skip();
            skipped++;
            goodSteps = 0;
            scale = Math.max(MIN_SCALE, used * backoff);
            return false;
        }
        step.apply(1.0 / used);
        if (++goodSteps >= growthInterval) {
            goodSteps = 0;
            scale = used * growth;
        }
        return true;
    }
}
