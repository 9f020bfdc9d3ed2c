/**
 * Search over everything encoded: the embeddings topic consumed into an on-disk HNSW vector index
 * (Lucene's KNN vector fields), restartable from the Kafka offsets stored in each Lucene commit,
 * and nearest-neighbour queries against it.
 */
package io.clipstream.jobs.index;
