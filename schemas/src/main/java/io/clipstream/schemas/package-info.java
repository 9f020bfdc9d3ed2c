/**
 * Avro event classes of every clipstream topic, generated at build time from the {@code .avsc}
 * files of the {@code schemas} module: the public contract of the pipeline.
 */
package io.clipstream.schemas;
