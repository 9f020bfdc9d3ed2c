/**
 * Cross-modal alignment, free of any stream processor: cosine similarity and probabilities
 * ({@link io.clipstream.align.Similarity}), policies that pair images with captions
 * ({@link io.clipstream.align.AlignmentPolicy}), the threshold that turns a score into a
 * {@link io.clipstream.align.Decision}, the optimal one-to-one assignment
 * ({@link io.clipstream.align.HungarianAssignment}) and top-k selection and merging
 * ({@link io.clipstream.align.TopK}).
 */
package io.clipstream.align;
