/**
 * Evaluation of CLIP models on captioned datasets: cross-modal retrieval recall, zero-shot
 * classification with prompt templates, calibration of the MATCH threshold, and the text and HTML
 * reports of the {@code eval} command.
 */
package io.clipstream.eval;
