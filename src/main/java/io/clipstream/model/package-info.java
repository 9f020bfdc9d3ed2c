/**
 * The image–text models: Hugging Face folder layout, weights, the towers of every supported
 * {@link io.clipstream.model.ModelFamily} (CLIP, SigLIP, Chinese-CLIP) in DJL, batched encoding.
 *
 * <p>{@link io.clipstream.model.ClipModel} is the encoder the pipeline uses (L2-normalised
 * vectors as plain arrays, and the family's {@link io.clipstream.align.ScoringRule}).
 * {@link io.clipstream.model.ClipNetwork} is the network underneath: parameters by transformers
 * name and differentiable forward functions, for training. {@link io.clipstream.model.ModelFolder}
 * reads and writes the folder layout ({@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}, {@code preprocessor_config.json}); {@link io.clipstream.model.TokenizerFiles}
 * picks the tokenizer a folder has.
 */
package io.clipstream.model;
