/**
 * Standard image–text retrieval benchmarks: the MSCOCO captions file and the Karpathy split files
 * of COCO and Flickr30K, read into one {@link io.clipstream.eval.benchmark.BenchmarkSet}, and the
 * standard protocol (an image query is answered when any of its captions is retrieved) run on an
 * encoder with encoding times, beside the published figures of known checkpoints.
 */
package io.clipstream.eval.benchmark;
