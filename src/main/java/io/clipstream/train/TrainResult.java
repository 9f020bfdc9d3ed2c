package io.clipstream.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param modelDir the written model folder
 * @param firstStep the step the run started from (0, or the resumed checkpoint's step)
 * @param losses loss of every step from step 0 (a resumed run includes the checkpoint's history)
 * @param seconds wall time of this run
 * @param heldOutRecall at the last step, on {@code --eval-dataset}: R@1 image→text, R@1 text→image,
 *     R@5 image→text, R@5 text→image; null without an eval dataset
 * @param managedArrayGrowth native arrays held by the model's manager at the end minus after the
 *     first step of this run: 0 when every step frees what it made
 */
public record TrainResult(Path modelDir, int firstStep, List<Double> losses, double seconds, double[] heldOutRecall,
        int managedArrayGrowth) {}
