package io.clipstream.jobs.cli;

import io.clipstream.jobs.index.EmbeddingIndex;
import io.clipstream.jobs.index.EmbeddingIndexer;
import io.clipstream.jobs.index.IndexOptions;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.KafkaClientProperties;
import io.clipstream.jobs.source.SourceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clipstream index}: consumes the embeddings topic into the on-disk vector index. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Consumes the embeddings topic (read_committed) into an on-disk HNSW vector index (Lucene)."
                + " Restartable: each commit stores the consumed offsets, where the next run resumes."})
final class IndexCommand implements Callable<Integer> {

    @Mixin
    PipelineConfig config;

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (index.dir).")
    Path dir;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Stop when nothing arrives for this many seconds (default: never).")
    Integer idleTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Configuration conf = config.toConfiguration();
        Path indexDir = dir != null ? dir : Path.of(conf.get(IndexOptions.DIR));
        Properties p = KafkaClientProperties.from(conf);
        p.put("bootstrap.servers", conf.get(SourceOptions.BOOTSTRAP_SERVERS));
        String topic = conf.get(SinkOptions.EMBEDDINGS_TOPIC);
        try (EmbeddingIndex index = EmbeddingIndex.open(indexDir, conf.get(IndexOptions.HNSW_MAX_CONNECTIONS),
                conf.get(IndexOptions.HNSW_BEAM_WIDTH))) {
            EmbeddingIndexer indexer = new EmbeddingIndexer(index, p, topic, conf.get(IndexOptions.COMMIT_INTERVAL));
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                indexer.stop();
                try {
                    main.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "index-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.printf("index: %s -> %s (%d documents committed)%n", topic, indexDir.toAbsolutePath(), index.committedCount());
            System.out.flush();
            indexer.run(idleTimeoutSeconds == null ? null : Duration.ofSeconds(idleTimeoutSeconds));
            System.out.printf("index: indexed=%d skipped=%d committed=%d%n", indexer.indexed(), indexer.skipped(), index.committedCount());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return 0;
    }
}
