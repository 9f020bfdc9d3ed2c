package io.clipstream.jobs.view;

import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import io.clipstream.schemas.wire.EventCodec;
import io.clipstream.schemas.wire.WireFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread over the topics the page shows, {@code read_committed}, without a group: it
 * is assigned every partition and starts {@code history} records before each end, so a page opened
 * on a running pipeline is not empty. Topics that do not exist yet are picked up when they appear.
 */
final class TopicFeed implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);

    /** The topics, by role. */
    record Topics(String images, String captions, String matches, String tags, String deadLetters) {
        List<String> all() {
            return List.of(images, captions, matches, tags, deadLetters);
        }
    }

    private final Properties properties;
    private final Topics topics;
    private final int history;
    private final ViewState state;
    private final Thumbnails thumbnails;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    TopicFeed(Properties properties, Topics topics, int history, ViewState state, Thumbnails thumbnails) {
        this.properties = properties;
        this.topics = topics;
        this.history = history;
        this.state = state;
        this.thumbnails = thumbnails;
        this.thread = new Thread(this, "view-topics");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.putAll(properties);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.remove("group.id");
        EventCodec<ImageEvent> images = EventCodec.of(ImageEvent.class);
        EventCodec<CaptionEvent> captions = EventCodec.of(CaptionEvent.class);
        EventCodec<MatchEvent> matches = EventCodec.of(MatchEvent.class);
        EventCodec<TagEvent> tags = EventCodec.of(TagEvent.class);
        EventCodec<DeadLetterEvent> deadLetters = EventCodec.of(DeadLetterEvent.class);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            Set<TopicPartition> assigned = new HashSet<>();
            long lastCheck = 0;
            while (!stop.get()) {
                if (System.currentTimeMillis() - lastCheck > 3000) {
                    assignNew(c, assigned);
                    lastCheck = System.currentTimeMillis();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        String t = r.topic();
                        // images and captions first: a match shows the caption's text and the image
                        if (t.equals(topics.images())) {
                            thumbnails.add(images.decode(r.value()));
                        } else if (t.equals(topics.captions())) {
                            state.caption(captions.decode(r.value()));
                        } else if (t.equals(topics.matches())) {
                            state.match(matches.decode(r.value()));
                        } else if (t.equals(topics.tags())) {
                            state.tag(tags.decode(r.value()));
                        } else if (t.equals(topics.deadLetters())) {
                            state.deadLetter(deadLetters.decode(r.value()));
                        }
                    } catch (WireFormatException | RuntimeException e) {
                        // bad input on an input topic is the pipeline's dead letter, not the view's
                        LOG.debug("{}-{}@{} not shown: {}", r.topic(), r.partition(), r.offset(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the view stopped reading the topics", e);
        } finally {
            consumer = null;
        }
    }

    private void assignNew(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        Map<String, List<PartitionInfo>> existing = c.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics.all()) {
            for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        c.assign(assigned);
        Map<TopicPartition, Long> begin = c.beginningOffsets(added);
        Map<TopicPartition, Long> end = c.endOffsets(added);
        for (TopicPartition tp : added) {
            c.seek(tp, Math.max(begin.get(tp), end.get(tp) - history));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(5000);
    }
}
