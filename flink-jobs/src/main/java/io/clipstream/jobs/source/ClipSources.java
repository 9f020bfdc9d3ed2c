package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.LabelEvent;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The pipeline's Kafka sources, configured from {@link SourceOptions}.
 *
 * <pre>{@code
 * KafkaSource<Decoded<CaptionEvent>> captions = ClipSources.captions(conf, "match");
 * }</pre>
 *
 * <p>Every source reads in the consumer group of its job ({@link SourceOptions#groupId}): the
 * group set, else the job's own, so one job's committed offsets never decide where another starts.
 */
@PublicEvolving
public final class ClipSources {
    private ClipSources() {}

    /** Images, for the job named {@code job}. */
    public static KafkaSource<Decoded<ImageEvent>> images(Configuration conf, String job) {
        FieldLimits limits = FieldLimits.fromConfiguration(conf);
        return build(conf, job, conf.get(SourceOptions.IMAGES_TOPIC), new EventDeserializer<>(ImageEvent.class,
                Validators.images(limits, conf.get(ImageOptions.VOCABULARY_ATTRIBUTE)),
                conf.get(SourceOptions.MAX_MESSAGE_BYTES), conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES),
                limits.recordKeyBytes(), null));
    }

    /** Captions, for the job named {@code job}. */
    public static KafkaSource<Decoded<CaptionEvent>> captions(Configuration conf, String job) {
        FieldLimits limits = FieldLimits.fromConfiguration(conf);
        return build(conf, job, conf.get(SourceOptions.CAPTIONS_TOPIC), new EventDeserializer<>(CaptionEvent.class,
                Validators.captions(limits), conf.get(SourceOptions.MAX_MESSAGE_BYTES),
                conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES), limits.recordKeyBytes(), null));
    }

    /** Labels: a tombstone with key {@code vocabulary/label} deletes that label, as compaction intends. */
    public static KafkaSource<Decoded<LabelEvent>> labels(Configuration conf, String job) {
        FieldLimits limits = FieldLimits.fromConfiguration(conf);
        return build(conf, job, conf.get(SourceOptions.LABELS_TOPIC), new EventDeserializer<>(LabelEvent.class,
                Validators.labels(limits), conf.get(SourceOptions.MAX_MESSAGE_BYTES),
                conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES), limits.recordKeyBytes(), ClipSources::labelTombstone));
    }

    /** The record key of a label: {@code vocabulary + "/" + label}. */
    public static String labelKey(CharSequence vocabulary, CharSequence label) {
        return vocabulary + "/" + label;
    }

    static LabelEvent labelTombstone(byte[] key) {
        if (key == null) {
            return null;
        }
        String k = new String(key, StandardCharsets.UTF_8);
        int slash = k.indexOf('/');
        if (slash <= 0 || slash == k.length() - 1) {
            return null;
        }
        return LabelEvent.newBuilder().setVocabulary(k.substring(0, slash)).setLabel(k.substring(slash + 1))
                .setDeleted(true).build();
    }

    private static <T extends SpecificRecord> KafkaSource<Decoded<T>> build(Configuration conf, String job, String topic,
            EventDeserializer<T> deserializer) {
        KafkaSourceBuilder<Decoded<T>> b = KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(conf.get(SourceOptions.BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId(SourceOptions.groupId(conf, job))
                .setDeserializer(deserializer)
                .setStartingOffsets(startingOffsets(conf.get(SourceOptions.STARTING_OFFSETS)))
                .setProperties(KafkaClientProperties.from(conf))
                // inputs may come from transactional producers: never read aborted data
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000");
        if (conf.get(SourceOptions.BOUNDED)) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static OffsetsInitializer startingOffsets(String mode) {
        switch (mode) {
            case "earliest": return OffsetsInitializer.earliest();
            case "latest": return OffsetsInitializer.latest();
            case "committed": return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default: throw new IllegalArgumentException("starting offsets must be earliest, latest or committed: " + mode);
        }
    }
}
