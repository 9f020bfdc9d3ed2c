package io.clipstream.jobs.index;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the vector index that {@code clipstream index} builds and {@code search} reads. */
@PublicEvolving
public final class IndexOptions {
    private IndexOptions() {}

    public static final ConfigOption<String> DIR = ConfigOptions.key("index.dir")
            .stringType().defaultValue("clipstream-index")
            .withDescription("Folder of the on-disk vector index (Lucene) built from the embeddings topic.");

    public static final ConfigOption<Duration> COMMIT_INTERVAL = ConfigOptions.key("index.commit-interval")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("How often the indexer commits; each commit stores the consumed offsets, where a restart resumes.");

    public static final ConfigOption<Integer> HNSW_MAX_CONNECTIONS = ConfigOptions.key("index.hnsw-max-connections")
            .intType().defaultValue(16)
            .withDescription("HNSW graph: most neighbours per node (Lucene's maxConn); more is better recall, larger index.");

    public static final ConfigOption<Integer> HNSW_BEAM_WIDTH = ConfigOptions.key("index.hnsw-beam-width")
            .intType().defaultValue(100)
            .withDescription("HNSW graph: candidates considered while inserting a node (beamWidth); more is better recall, slower indexing.");

    public static final ConfigOption<Integer> SEARCH_CANDIDATES = ConfigOptions.key("index.search-candidates")
            .intType().defaultValue(400)
            .withDescription("Search: nearest graph nodes explored per query before the best k are kept (at least k); more is better recall.");
}
