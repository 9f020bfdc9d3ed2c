/**
 * Image preprocessing for CLIP: reading {@code preprocessor_config.json}, decoding untrusted image
 * bytes within limits, converting to RGB and resizing with PIL's arithmetic so that the pixels
 * match transformers' {@code CLIPImageProcessor} exactly.
 */
package io.clipstream.preprocess;
