/**
 * Why an image matches a caption: gradient-weighted attention relevance (Chefer, Gur and Wolf,
 * "Generic Attention-model Explainability for Interpreting Bi-Modal and Encoder-Decoder
 * Transformers", ICCV 2021) for the image regions and the words behind one image–text score,
 * written as heat-map pictures and {@code relevance.json}. Attention maps come from the model's
 * {@link io.clipstream.model.AttentionTap}; nothing here changes the forward pass. Every supported
 * family (CLIP, SigLIP, Chinese-CLIP) is explained; {@code RelevanceTokens} says which row each reads.
 */
package io.clipstream.explain;
