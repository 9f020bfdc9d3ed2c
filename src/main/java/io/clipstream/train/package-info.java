/**
 * Contrastive training of CLIP models in DJL: options, data sampling and augmentation, the loss,
 * AdamW with a warm-up and cosine schedule, checkpoints with resume, and the word-level tokenizer
 * written for models trained from scratch.
 */
package io.clipstream.train;
