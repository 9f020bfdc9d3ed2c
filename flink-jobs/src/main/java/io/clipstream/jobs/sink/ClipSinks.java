package io.clipstream.jobs.sink;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.source.KafkaClientProperties;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The pipeline's Kafka sinks, configured from {@link SinkOptions}.
 *
 * <pre>{@code
 * KafkaSink<MatchEvent> matches = ClipSinks.matches(conf, "match");
 * }</pre>
 */
public final class ClipSinks {
    private ClipSinks() {}

    public static KafkaSink<MatchEvent> matches(Configuration conf, String job) {
        return build(conf, job, "matches", new CloudEventsSerializer<>(MatchEvent.class, conf.get(SinkOptions.MATCHES_TOPIC),
                "io.clipstream.match.v1", source(conf, job),
                m -> m.getKey() != null ? m.getKey().toString() : m.getImageId().toString()));
    }

    public static KafkaSink<TagEvent> tags(Configuration conf, String job) {
        return build(conf, job, "tags", new CloudEventsSerializer<>(TagEvent.class, conf.get(SinkOptions.TAGS_TOPIC),
                "io.clipstream.tag.v1", source(conf, job), t -> t.getImageId().toString()));
    }

    public static KafkaSink<EmbeddingEvent> embeddings(Configuration conf, String job) {
        return build(conf, job, "embeddings", new CloudEventsSerializer<>(EmbeddingEvent.class,
                conf.get(SinkOptions.EMBEDDINGS_TOPIC), "io.clipstream.embedding.v1", source(conf, job),
                e -> e.getSourceId().toString()));
    }

    /** Dead letters keep the key of the record they refuse. */
    public static KafkaSink<DeadLetterEvent> deadLetters(Configuration conf, String job) {
        return build(conf, job, "dead-letters", new CloudEventsSerializer<>(DeadLetterEvent.class,
                conf.get(DeadLetterOptions.TOPIC), "io.clipstream.dead-letter.v1", source(conf, job),
                d -> d.getSourceKey() == null ? null
                        : StandardCharsets.UTF_8.decode(d.getSourceKey().duplicate()).toString()));
    }

    private static String source(Configuration conf, String job) {
        return conf.get(SinkOptions.CE_SOURCE) + "/" + job;
    }

    private static <T extends SpecificRecord> KafkaSink<T> build(Configuration conf, String job, String output,
            CloudEventsSerializer<T> serializer) {
        boolean exactlyOnce = conf.get(SinkOptions.DELIVERY_GUARANTEE) == SinkOptions.Guarantee.EXACTLY_ONCE;
        return KafkaSink.<T>builder()
                .setBootstrapServers(conf.get(SourceOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setKafkaProducerConfig(KafkaClientProperties.from(conf))
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(conf.get(SinkOptions.TRANSACTIONAL_ID_PREFIX) + "-" + job + "-" + output)
                .setProperty("transaction.timeout.ms", String.valueOf(conf.get(SinkOptions.TRANSACTION_TIMEOUT_MS)))
                .setProperty("linger.ms", exactlyOnce ? "5" : "0")
                .build();
    }
}
