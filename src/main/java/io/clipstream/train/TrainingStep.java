package io.clipstream.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.training.GradientCollector;
import io.clipstream.model.ClipNetwork;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One optimisation step of contrastive training: forward, backward, the gradient norm of each
 * tower (the modality contribution), clipping, the AdamW update. With a {@link LossScaler} the
 * forward runs in float16 (autocast: float16 copies of the float32 master weights, each a leaf
 * that collects its gradient, which is converted to float32 for the update of the master; the
 * loss itself in float32) and the scaler decides whether the update is applied. In float32 a step
 * whose loss or gradients are not finite is skipped as well, leaving the weights as they were.
 */
final class TrainingStep {

    private static final String LOGIT_SCALE = "logit_scale";

    /**
     * Figures of one step.
     *
     * @param loss the contrastive loss (unscaled)
     * @param applied false when the step skipped its update (an overflow, or a loss or gradient that is not finite)
     * @param imageNorm gradient norm of the vision tower and visual projection (unscaled, before clipping)
     * @param textNorm gradient norm of the text tower and text projection
     * @param lossScale the loss scale used, 1 in float32
     */
    record Outcome(double loss, boolean applied, double imageNorm, double textNorm, double lossScale) {
        /** {@code text / (text + image)}: the text tower's share of the gradient; NaN when both are zero. */
        double textShare() {
            return textNorm / (textNorm + imageNorm);
        }
    }

    private final ClipNetwork net;
    private final Map<String, NDArray> trainable;
    private final AdamW optimizer;
    private final ParameterLayout layout;
    private final double gradClip;
    private final LossScaler scaler;

    TrainingStep(ClipNetwork net, Map<String, NDArray> trainable, AdamW optimizer, double gradClip, LossScaler scaler) {
        this.net = net;
        this.trainable = trainable;
        this.optimizer = optimizer;
        this.layout = optimizer.layout();
        this.gradClip = gradClip;
        this.scaler = scaler;
    }

    Outcome run(TrainingData.Batch batch, int size, double lr) {
        try (NDManager m = net.manager().newSubManager()) {
            NDArray pixels = m.create(batch.pixels(), new Shape(batch.size(), 3, size, size));
            NDArray ids = m.create(batch.ids(), new Shape(batch.size(), batch.length()));
            NDArray targets = m.create(batch.targets(), new Shape(batch.size(), batch.size()));
            double[] loss = new double[1];
            double[] norms = new double[3];
            boolean[] applied = {true};
            double used = scaler == null ? 1.0 : scaler.scale();
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            NDArray[] flat = new NDArray[1];
            LossScaler.ScaledStep step = new LossScaler.ScaledStep() {
                @Override
                public boolean backward(double scale) {
                    Map<String, NDArray> copies = scaler == null ? null : halfCopies(m);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray l = scaler == null
                                ? ContrastiveLoss.loss(net.imageFeatures(pixels), net.textFeatures(ids), net.logitScale(), targets, m)
                                : halfPrecisionLoss(copies, pixels, ids, targets, m);
                        gc.backward(scale == 1.0 ? l : l.mul((float) scale));
                        loss[0] = l.getFloat();
                    }
                    trainable.forEach((name, p) -> {
                        NDArray copy = copies == null ? null : copies.get(name);
                        // the loss reads the float32 logit scale itself; every other weight through its float16 copy
                        NDArray g = copy != null && !name.equals(LOGIT_SCALE) ? copy.getGradient() : p.getGradient();
                        g.attach(m);
                        gradients.put(name, g.getDataType() == p.getDataType() ? g : g.toType(p.getDataType(), false));
                    });
                    flat[0] = layout.flatten(gradients, m);
                    System.arraycopy(layout.towerNorms(flat[0]), 0, norms, 0, norms.length);
                    for (int i = 0; i < norms.length; i++) {
                        norms[i] /= scale;
                    }
                    return Double.isFinite(norms[0]) && Double.isFinite(norms[1]) && Double.isFinite(norms[2]);
                }

                @Override
                public void apply(double inverseScale) {
                    double total = Math.sqrt(norms[0] * norms[0] + norms[1] * norms[1] + norms[2] * norms[2]);
                    double clip = gradClip > 0 && total > gradClip ? gradClip / (total + 1e-6) : 1.0;
                    optimizer.step(flat[0], lr, clip * inverseScale, m);
                }

                @Override
                public void skip() {
                    applied[0] = false;
                    trainable.values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
                }
            };
            if (scaler == null) {
                // a non-finite loss or gradient would make every weight NaN: skip the update instead
                if (step.backward(1.0) && Double.isFinite(loss[0])) {
                    step.apply(1.0);
                } else {
                    step.skip();
                }
            } else {
                scaler.step(step);
            }
            return new Outcome(loss[0], applied[0], norms[0], norms[1], used);
        }
    }

    /**
     * float16 copies of every weight on a sub-manager of the step; the trainable ones are leaves
     * that collect their own gradient (the engine's type conversion is not differentiable, so the
     * gradients are carried back to the float32 masters by hand).
     */
    private Map<String, NDArray> halfCopies(NDManager m) {
        NDManager half = m.newSubManager();
        Map<String, NDArray> copies = new LinkedHashMap<>();
        net.parameters().forEach((name, p) -> {
            NDArray c = p.toType(DataType.FLOAT16, false);
            c.attach(half);
            if (trainable.containsKey(name)) {
                c.setRequiresGradient(true);
            }
            copies.put(name, c);
        });
        return copies;
    }

    /** The loss with both towers run on the float16 copies (the masters stay float32). */
    private NDArray halfPrecisionLoss(Map<String, NDArray> copies, NDArray pixels, NDArray ids, NDArray targets, NDManager m) {
        // the view owns the copies' sub-manager, which closes with the step's manager
        ClipNetwork view = ClipNetwork.of(net.config(), copies, copies.values().iterator().next().getManager());
        NDArray image = toFloat32(view.imageFeatures(pixels.toType(DataType.FLOAT16, false)), m);
        NDArray text = toFloat32(view.textFeatures(ids), m);
        return ContrastiveLoss.loss(image, text, net.logitScale(), targets, m);
    }

    /**
     * float16 to float32 on the gradient tape: the engine's type conversion is not recorded, but
     * adding a float32 zero is, and type promotion makes the sum float32.
     */
    static NDArray toFloat32(NDArray half, NDManager m) {
        return half.add(m.zeros(half.getShape(), DataType.FLOAT32));
    }

    static int tower(String name) {
        if (name.startsWith("vision_model.") || name.startsWith("visual_projection.")) {
            return 0;
        }
        if (name.startsWith("text_model.") || name.startsWith("text_projection.")) {
            return 1;
        }
        return 2;
    }
}
