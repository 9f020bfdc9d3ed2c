/**
 * Captioned image datasets: the on-disk format (a folder of images plus {@code captions.jsonl}),
 * its validating loader and writer, and the importer that builds datasets from the public emoji
 * image sets.
 */
package io.clipstream.dataset;
