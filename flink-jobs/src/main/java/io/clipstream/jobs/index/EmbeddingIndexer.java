package io.clipstream.jobs.index;

import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.wire.EventCodec;
import io.clipstream.schemas.wire.WireFormatException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the embeddings topic ({@code read_committed}) into an {@link EmbeddingIndex}. The
 * consumer is assigned every partition and owns its positions: they live in the index's commit
 * user data (key {@code offset.<topic>.<partition>}), never in a consumer group, so after a crash
 * the indexer resumes exactly where the last commit ended. Documents after that commit are lost with
 * the process and read again; the unique term makes the second write replace the first.
 */
@Internal
public final class EmbeddingIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingIndexer.class);
    static final String OFFSET_PREFIX = "offset.";

    private final EmbeddingIndex index;
    private final Properties consumerProperties;
    private final String topic;
    private final Duration commitInterval;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile long indexed;
    private volatile long skipped;

    /**
     * @param consumerProperties Kafka client settings (bootstrap servers, security); group and
     *     offset settings are the indexer's own
     */
    public EmbeddingIndexer(EmbeddingIndex index, Properties consumerProperties, String topic, Duration commitInterval) {
        this.index = index;
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.commitInterval = commitInterval;
    }

    /**
     * Indexes until {@link #stop()} is called or, with {@code idleTimeout}, until nothing has
     * arrived for that long; commits at every interval and once more at the end.
     */
    public void run(Duration idleTimeout) throws IOException {
        Properties p = new Properties();
        p.putAll(consumerProperties);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.remove("group.id");
        EventCodec<EmbeddingEvent> codec = EventCodec.of(EmbeddingEvent.class);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            List<TopicPartition> assigned = assign(c, index.committedUserData());
            long lastCommit = System.nanoTime();
            long lastRecord = System.nanoTime();
            boolean dirty = false;
            while (!stop.get()) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        lastRecord = System.nanoTime();
                        dirty = true;
                        try {
                            index.upsert(codec.decode(r.value()));
                            indexed++;
                        } catch (WireFormatException e) {
                            skipped++;
                            LOG.warn("{}-{}@{}: not an embedding ({}), skipped", r.topic(), r.partition(), r.offset(), e.reason());
                        }
                    }
                } catch (WakeupException e) {
                    break;
                }
                if (System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
                    if (dirty || positionsMoved(c, assigned)) {
                        commit(c, assigned);
                        dirty = false;
                    }
                    assigned = reassignIfGrown(c, assigned);
                    lastCommit = System.nanoTime();
                }
                if (idleTimeout != null && System.nanoTime() - lastRecord >= idleTimeout.toNanos()) {
                    break;
                }
            }
            try {
                commit(c, assigned);
            } catch (WakeupException e) {
                // stop() came between two polls; the wake-up is spent now
                commit(c, assigned);
            }
        } finally {
            consumer = null;
        }
    }

    /** Asks {@link #run} to commit and return; safe from any thread. */
    public void stop() {
        stop.set(true);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Embeddings written to the index by this instance. */
    public long indexed() {
        return indexed;
    }

    /** Records that were not readable embeddings. */
    public long skipped() {
        return skipped;
    }

    private List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> c, Map<String, String> committed) {
        List<TopicPartition> partitions = partitions(c);
        c.assign(partitions);
        for (TopicPartition tp : partitions) {
            String stored = committed.get(offsetKey(tp));
            if (stored != null) {
                c.seek(tp, Long.parseLong(stored));
            } else {
                c.seekToBeginning(List.of(tp));
            }
        }
        LOG.info("indexing {} partitions of {} from {}", partitions.size(), topic, committed.isEmpty() ? "the beginning" : "the last commit");
        return partitions;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return partitions;
    }

    /** Partitions added to the topic since start are indexed from their beginning. */
    private List<TopicPartition> reassignIfGrown(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> assigned) {
        List<TopicPartition> now = partitions(c);
        if (now.size() == assigned.size()) {
            return assigned;
        }
        List<TopicPartition> added = new ArrayList<>(now);
        added.removeAll(assigned);
        c.assign(now);
        c.seekToBeginning(added);
        return now;
    }

    private Map<String, String> lastPositions = Map.of();

    private boolean positionsMoved(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> assigned) {
        // transaction markers and aborted records move the position without a record
        return !positions(c, assigned).equals(lastPositions);
    }

    private Map<String, String> positions(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> assigned) {
        Map<String, String> data = new HashMap<>();
        for (TopicPartition tp : assigned) {
            data.put(offsetKey(tp), Long.toString(c.position(tp)));
        }
        return data;
    }

    private void commit(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> assigned) throws IOException {
        Map<String, String> data = positions(c, assigned);
        index.commit(data);
        lastPositions = data;
    }

    static String offsetKey(TopicPartition tp) {
        return OFFSET_PREFIX + tp.topic() + "." + tp.partition();
    }
}
