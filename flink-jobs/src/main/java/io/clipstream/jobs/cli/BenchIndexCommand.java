package io.clipstream.jobs.cli;

import io.clipstream.jobs.index.RecallBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clipstream bench index}: recall@k of the HNSW index against exact search on random vectors. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Indexes random unit vectors and prints the HNSW index's recall@k against exact search, with timings.")
final class BenchIndexCommand implements Callable<Integer> {

    @Option(names = "--vectors", description = "Vectors indexed (default: ${DEFAULT-VALUE}).")
    int vectors = 100_000;

    @Option(names = "--dimension", description = "Their dimension (default: ${DEFAULT-VALUE}, the bundled model's).")
    int dimension = 128;

    @Option(names = "--queries", description = "Random queries (default: ${DEFAULT-VALUE}).")
    int queries = 200;

    @Option(names = "--k", description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--max-connections", description = "HNSW maxConn (default: ${DEFAULT-VALUE}, as index.hnsw-max-connections).")
    int maxConnections = 16;

    @Option(names = "--beam-width", description = "HNSW beamWidth (default: ${DEFAULT-VALUE}, as index.hnsw-beam-width).")
    int beamWidth = 100;

    @Option(names = "--candidates", split = ",", description = "Graph nodes explored per query, one figure each (default: ${DEFAULT-VALUE}; index.search-candidates defaults to 400).")
    java.util.List<Integer> candidates = java.util.List.of(10, 50, 100, 200, 400);

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("clipstream-bench-index");
        try {
            for (RecallBenchmark.Result r : RecallBenchmark.run(dir, vectors, dimension, queries, k, maxConnections, beamWidth,
                    candidates, 11)) {
                System.out.printf(java.util.Locale.ROOT,
                        "bench index: vectors=%d dimension=%d queries=%d maxConn=%d beamWidth=%d candidates=%d recall@%d=%.4f"
                                + " index_s=%.1f hnsw_ms_per_query=%.3f exact_ms_per_query=%.3f%n",
                        r.vectors(), r.dimension(), r.queries(), maxConnections, beamWidth, r.candidates(), r.k(), r.recall(),
                        r.indexSeconds(), r.hnswMsPerQuery(), r.exactMsPerQuery());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
