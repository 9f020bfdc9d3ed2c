package io.clipstream.model;

import io.clipstream.align.ScoringRule;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns images and texts into L2-normalised vectors of one shared CLIP space, a batch per call.
 *
 * <p>Implementations are thread-safe: several threads may encode against one instance, which
 * holds one copy of the weights. Every call returns plain Java arrays; no native memory outlives
 * the call.
 */
public interface ClipEncoder extends AutoCloseable {

    /** Decoded images of any size; each is preprocessed as the model's preprocessor config says. */
    float[][] encodeImages(List<BufferedImage> images);

    /**
     * Images already preprocessed into channel-first pixel values ({@code 3 * size * size}, as
     * {@link #imageSize()} gives), normalised with the checkpoint's mean and standard deviation.
     */
    float[][] encodePixels(List<float[]> pixels);

    /** Texts, tokenised with the model's tokenizer, truncated to its context length. */
    float[][] encodeTexts(List<String> texts);

    /**
     * Texts tokenised already, one row of token ids per text as this model's tokenizer gives it
     * ({@code ClipTokenizer.encode(String)}: special tokens added, cut to the context length, not
     * padded), for a pipeline that tokenises in a stage of its own. The rows are padded here into
     * one batch as {@link #encodeTexts} pads them, so the vectors are those of {@code encodeTexts}
     * on the same texts in the same batch, bit for bit.
     */
    float[][] encodeTokens(List<long[]> tokens);

    /** Length of every returned vector. */
    int embeddingDimension();

    /** Side of the square image the vision tower takes. */
    int imageSize();

    /** {@code exp(logit_scale)}: the factor applied to cosines before a softmax. */
    float logitScale();

    /**
     * How this model's family turns cosines into probabilities: CLIP's softmax over candidates
     * by default, SigLIP's per-pair sigmoid for a SigLIP model.
     */
    default ScoringRule scoring() {
        return ScoringRule.softmax(logitScale());
    }

    /**
     * Whether the model computes off the CPU (on a GPU), so that a caller's CPU work can overlap its
     * calls; false by default.
     */
    default boolean onAccelerator() {
        return false;
    }

    /** A stable identifier of the loaded weights, carried on every output event. */
    String modelId();

    @Override
    void close();
}
