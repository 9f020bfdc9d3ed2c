/** The CLIP model: Hugging Face folder layout, weights, both towers in DJL, batched encoding. */
package io.clipstream.model;
