package io.clipstream.explain;

import java.util.List;

/**
 * Why one image and one text score as they do.
 *
 * @param text the explained text
 * @param cosine the cosine of the image and text embeddings
 * @param patchMap relevance of each patch, {@code grid x grid}, min-max normalised to [0, 1]
 * @param imageMap the patch map upsampled over the input picture's area, row 0 at the top, [0, 1]
 *                 (0 outside the centre crop the model saw)
 * @param tokens the text's tokens as the tokenizer writes them, special tokens included
 * @param tokenRelevance relevance of each token divided by that of the most relevant ordinary token
 *                       (relevance is never negative, so this keeps the ratios between words);
 *                       special tokens (start, end of text) are 0
 */
public record Explanation(String text, float cosine, float[][] patchMap, float[][] imageMap, List<String> tokens,
        float[] tokenRelevance) {}
