package io.clipstream.jobs.cli;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.launch.JobArguments;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * The options every pipeline command shares. A job configuration file ({@code key: value} or
 * {@code key=value} lines, the keys of {@code clipstream options}) is read first, then each
 * {@code --set key=value}, then the named flags, so the same names work everywhere. The file is
 * read by the launcher's one parser, {@link JobArguments}.
 */
final class PipelineConfig {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (kafka.bootstrap-servers).")
    String bootstrapServers;

    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (encoder.model-dir).")
    Path model;

    @Option(names = "--at-least-once", description = "Deliver at least once, lowest latency (sink.delivery-guarantee=AT_LEAST_ONCE).")
    boolean atLeastOnce;

    @Option(names = "--config", paramLabel = "FILE", description = "Job configuration file: 'key: value' lines.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets any option by its key; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The configuration these options describe. */
    Configuration toConfiguration() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (configFile != null) {
            values.putAll(JobArguments.parseLines(Files.readAllLines(configFile)));
        }
        values.putAll(settings);
        Configuration conf = Configuration.fromMap(values);
        if (bootstrapServers != null) {
            conf.set(SourceOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (model != null) {
            conf.set(EncoderOptions.MODEL_DIR, model.toAbsolutePath().toString());
        }
        if (atLeastOnce) {
            conf.set(SinkOptions.DELIVERY_GUARANTEE, SinkOptions.Guarantee.AT_LEAST_ONCE);
        }
        return conf;
    }
}
