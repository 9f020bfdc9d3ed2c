/** Embedding export: every encoded image and caption as an {@code EmbeddingEvent}. */
package io.clipstream.jobs.embed;
