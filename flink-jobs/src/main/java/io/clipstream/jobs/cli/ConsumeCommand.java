package io.clipstream.jobs.cli;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import io.clipstream.schemas.wire.EventCodec;
import io.clipstream.schemas.wire.WireFormatException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clipstream consume matches|tags|embeddings|dead-letters}: prints output events as JSON lines. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Reads an output topic (read_committed) and prints one JSON object per event.")
final class ConsumeCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "matches, tags, embeddings or dead-letters")
    String what;

    @Option(names = "--from-beginning", description = "Start at the earliest offset (default: only new events).")
    boolean fromBeginning;

    @Option(names = "--max", description = "Stop after this many events.")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Stop when nothing arrives for this many seconds (default: never).")
    Integer idleTimeoutSeconds;

    @Mixin
    PipelineConfig config;

    @Override
    public Integer call() throws Exception {
        Configuration conf = config.toConfiguration();
        return switch (what) {
            case "matches" -> consume(conf, conf.get(SinkOptions.MATCHES_TOPIC), MatchEvent.class);
            case "tags" -> consume(conf, conf.get(SinkOptions.TAGS_TOPIC), TagEvent.class);
            case "embeddings" -> consume(conf, conf.get(SinkOptions.EMBEDDINGS_TOPIC), EmbeddingEvent.class);
            case "dead-letters" -> consume(conf, conf.get(DeadLetterOptions.TOPIC), DeadLetterEvent.class);
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "unknown output '" + what + "': matches, tags, embeddings or dead-letters");
        };
    }

    private <T extends SpecificRecord> int consume(Configuration conf, String topic, Class<T> type) {
        Properties p = new Properties();
        p.put("bootstrap.servers", conf.get(io.clipstream.jobs.source.SourceOptions.BOOTSTRAP_SERVERS));
        p.put("group.id", "clipstream-consume-" + UUID.randomUUID());
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", fromBeginning ? "earliest" : "latest");
        p.put("enable.auto.commit", "false");
        EventCodec<T> codec = EventCodec.of(type);
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(topic));
            long lastEvent = System.nanoTime();
            while (max == null || count < max) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    lastEvent = System.nanoTime();
                    try {
                        System.out.println(codec.decode(r.value()));
                    } catch (WireFormatException e) {
                        System.err.printf("%s-%d@%d: %s %s%n", r.topic(), r.partition(), r.offset(), e.reason(), e.getMessage());
                    }
                    count++;
                    if (max != null && count >= max) {
                        break;
                    }
                }
                System.out.flush();
                if (idleTimeoutSeconds != null && System.nanoTime() - lastEvent > idleTimeoutSeconds * 1_000_000_000L) {
                    break;
                }
            }
        }
        return 0;
    }
}
