/**
 * 2-D maps of an embedding space: images and texts of a dataset projected together (UMAP, or PCA
 * named as such) and drawn as an interactive HTML page and a PNG, images and texts marked apart so
 * the modality gap is visible.
 */
package io.clipstream.embedmap;
