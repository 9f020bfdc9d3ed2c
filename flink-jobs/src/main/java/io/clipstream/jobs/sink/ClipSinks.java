package io.clipstream.jobs.sink;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.source.KafkaClientProperties;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The pipeline's Kafka sinks, configured from {@link SinkOptions}; record sizes as {@link RecordLimits} says.
 *
 * <pre>{@code
 * KafkaSink<MatchEvent> matches = ClipSinks.matches(conf, "match");
 * }</pre>
 */
@PublicEvolving
public final class ClipSinks {
    private ClipSinks() {}

    public static KafkaSink<MatchEvent> matches(Configuration conf, String job) {
        return build(conf, job, "matches", matchSerializer(conf, job));
    }

    public static KafkaSink<TagEvent> tags(Configuration conf, String job) {
        return build(conf, job, "tags", tagSerializer(conf, job));
    }

    public static KafkaSink<EmbeddingEvent> embeddings(Configuration conf, String job) {
        return build(conf, job, "embeddings", embeddingSerializer(conf, job));
    }

    /**
     * Dead letters keep the key of the record they refuse, byte for byte, and are cut to
     * {@code sink.max-record-bytes} (original bytes first) should one still be larger.
     */
    public static KafkaSink<DeadLetterEvent> deadLetters(Configuration conf, String job) {
        RecordLimits.checkDeadLetterBudget(conf, source(conf, job));
        return build(conf, job, "dead-letters", deadLetterSerializer(conf, job));
    }

    /** The serializer of the dead-letter sink. */
    public static CloudEventsSerializer<DeadLetterEvent> deadLetterSerializer(Configuration conf, String job) {
        return CloudEventsSerializer.fitting(DeadLetterEvent.class, conf.get(DeadLetterOptions.TOPIC),
                "io.clipstream.dead-letter.v1", source(conf, job), ClipSinks::keyOf, RecordLimits.maxRecordBytes(conf),
                DeadLetters::shrink);
    }

    /** The serializer of the matches sink (the guard before it measures records with it). */
    public static CloudEventsSerializer<MatchEvent> matchSerializer(Configuration conf, String job) {
        return new CloudEventsSerializer<>(MatchEvent.class, conf.get(SinkOptions.MATCHES_TOPIC),
                "io.clipstream.match.v1", source(conf, job),
                m -> m.getKey() != null ? m.getKey() : m.getImageId());
    }

    /** The serializer of the tags sink. */
    public static CloudEventsSerializer<TagEvent> tagSerializer(Configuration conf, String job) {
        return new CloudEventsSerializer<>(TagEvent.class, conf.get(SinkOptions.TAGS_TOPIC),
                "io.clipstream.tag.v1", source(conf, job), TagEvent::getImageId);
    }

    /** The serializer of the embeddings sink. */
    public static CloudEventsSerializer<EmbeddingEvent> embeddingSerializer(Configuration conf, String job) {
        return new CloudEventsSerializer<>(EmbeddingEvent.class, conf.get(SinkOptions.EMBEDDINGS_TOPIC),
                "io.clipstream.embedding.v1", source(conf, job), EmbeddingEvent::getSourceId);
    }

    private static byte[] keyOf(DeadLetterEvent d) {
        if (d.getSourceKey() == null) {
            return null;
        }
        ByteBuffer b = d.getSourceKey().duplicate();
        byte[] k = new byte[b.remaining()];
        b.get(k);
        return k;
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
                // records never exceed sink.max-record-bytes (OutputGuard, dead letters cut to fit)
                .setProperty("max.request.size", String.valueOf(RecordLimits.maxRequestSize(conf)))
                .build();
    }
}
