package io.clipstream.train;

/** Linear warm-up to the peak learning rate, then cosine decay to {@code peak * minRatio} at the last step. */
record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double minRatio) {

    /** Learning rate of zero-based step {@code step}. */
    double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double min = peak * minRatio;
        return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
