/**
 * The CLIP model: Hugging Face folder layout, weights, both towers in DJL, batched encoding.
 *
 * <p>{@link io.clipstream.model.ClipModel} is the encoder the pipeline uses (L2-normalised
 * vectors as plain arrays). {@link io.clipstream.model.ClipNetwork} is the network underneath:
 * parameters by transformers name and differentiable forward functions, for training.
 * {@link io.clipstream.model.ModelFolder} reads and writes the folder layout
 * ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json},
 * {@code preprocessor_config.json}).
 */
package io.clipstream.model;
