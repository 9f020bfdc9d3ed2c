package io.clipstream.align;

/**
 * One image-caption pair chosen by an {@link AlignmentPolicy}: indices into the image and caption
 * arrays it was given, the cosine, the probability among the candidates the pair competed with,
 * the rank of the chosen candidate among them (1 = best) and the threshold decision.
 */
public record ScoredPair(int image, int caption, float cosine, float probability, int rank, Decision decision) {}
