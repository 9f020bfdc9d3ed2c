package io.clipstream.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * CLIP's symmetric contrastive loss: image and text features are L2-normalised, logits are
 * {@code exp(logit_scale) * cosine} over the batch, and the loss is the mean of the image-to-text
 * and text-to-image cross-entropies against soft targets (one positive per row unless captions
 * repeat within the batch).
 */
final class ContrastiveLoss {

    private ContrastiveLoss() {}

    /**
     * @param image image features {@code [b, d]} on the step's manager
     * @param text text features {@code [b, d]} on the step's manager
     * @param logitScale the stored log scale (a parameter; its {@code exp} is moved to the step)
     * @param targets row-normalised targets {@code [b, b]}; row i: texts that match image i
     * @param step the step's manager
     * @return the scalar loss
     */
    static NDArray loss(NDArray image, NDArray text, NDArray logitScale, NDArray targets, NDManager step) {
        NDArray scale = logitScale.exp();
        scale.attach(step);
        NDArray img = normalize(image);
        NDArray txt = normalize(text);
        NDArray logits = img.matMul(txt.transpose()).mul(scale);
        long b = logits.getShape().get(0);
        NDArray imageToText = logits.logSoftmax(1).mul(targets).sum().neg();
        NDArray textToImage = logits.logSoftmax(0).mul(targets.transpose()).sum().neg();
        return imageToText.add(textToImage).div(2f * b);
    }

    static NDArray normalize(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }
}
