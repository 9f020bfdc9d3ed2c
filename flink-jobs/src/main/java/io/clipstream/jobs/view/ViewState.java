package io.clipstream.jobs.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.LabelScore;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * What the page shows, built from the topics: the latest matches (a row per image and rank, with
 * its revisions when a later event changes caption or decision), the latest tags, dead-letter
 * counts by reason and stage with the latest few, and health samples. Every change goes to the
 * listeners as a named JSON event; {@link #snapshot()} is what a new page starts from.
 */
final class ViewState {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MATCH_ROWS = 60;
    private static final int TAG_ROWS = 24;
    private static final int DEAD_LETTER_ROWS = 8;
    private static final int HEALTH_SAMPLES = 90;
    private static final int CAPTIONS_KEPT = 20_000;

    private final Thumbnails thumbnails;
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> captions = lru(CAPTIONS_KEPT);
    private final Map<String, ObjectNode> matches = lru(MATCH_ROWS);
    private final Map<String, ObjectNode> tags = lru(TAG_ROWS);
    private final Map<String, Long> deadLetterCounts = new LinkedHashMap<>();
    private final Deque<ObjectNode> deadLetters = new ArrayDeque<>();
    private final Deque<ObjectNode> health = new ArrayDeque<>();
    private long matchesSeen;
    private long deadLettersSeen;
    private long latencySumMs;
    private long latencyCount;

    ViewState(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    /** {@code listener(eventName, json)} for every change. */
    void listen(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    void unlisten(BiConsumer<String, String> listener) {
        listeners.remove(listener);
    }

    synchronized void caption(CaptionEvent c) {
        captions.put(c.getCaptionId().toString(), c.getText().toString());
    }

    void match(MatchEvent m) {
        ObjectNode row;
        synchronized (this) {
            String image = m.getImageId().toString();
            String caption = m.getCaptionId().toString();
            String id = image + "#" + m.getRank();
            ObjectNode previous = matches.remove(id);
            row = JSON.createObjectNode();
            row.put("id", id).put("imageId", image).put("captionId", caption)
                    .put("caption", captions.getOrDefault(caption, caption))
                    .put("key", m.getKey() == null ? null : m.getKey().toString())
                    .put("cosine", m.getCosine()).put("probability", m.getProbability()).put("rank", m.getRank())
                    .put("decision", m.getDecision().name()).put("thumb", thumbnails.has(image))
                    .put("latencyMs", m.getTimings().getEmitMs() - m.getTimings().getProducedMs())
                    .put("time", m.getTimings().getEmitMs());
            ArrayNode revisions = row.putArray("revisions");
            if (previous != null) {
                revisions.addAll((ArrayNode) previous.get("revisions"));
                boolean changed = !previous.get("captionId").asText().equals(caption)
                        || !previous.get("decision").asText().equals(m.getDecision().name());
                if (changed) {
                    ObjectNode was = revisions.addObject();
                    was.put("caption", previous.get("caption").asText()).put("decision", previous.get("decision").asText())
                            .put("cosine", previous.get("cosine").floatValue());
                }
            }
            matches.put(id, row);
            matchesSeen++;
            latencySumMs += row.get("latencyMs").asLong();
            latencyCount++;
        }
        emit("match", row);
    }

    void tag(TagEvent t) {
        ObjectNode row = JSON.createObjectNode();
        String image = t.getImageId().toString();
        row.put("imageId", image).put("vocabulary", t.getVocabulary().toString()).put("thumb", thumbnails.has(image));
        ArrayNode labels = row.putArray("labels");
        for (LabelScore l : t.getLabels()) {
            labels.addObject().put("label", l.getLabel().toString()).put("score", l.getScore()).put("probability", l.getProbability());
        }
        synchronized (this) {
            tags.remove(image);
            tags.put(image, row);
        }
        emit("tag", row);
    }

    void deadLetter(DeadLetterEvent d) {
        ObjectNode row = JSON.createObjectNode();
        row.put("reason", d.getReason().toString()).put("stage", d.getStage().toString())
                .put("message", d.getMessage().toString()).put("topic", d.getSourceTopic().toString())
                .put("partition", d.getSourcePartition()).put("offset", d.getSourceOffset())
                .put("size", d.getOriginalSize()).put("time", d.getTime().toEpochMilli());
        ObjectNode counts;
        synchronized (this) {
            deadLetterCounts.merge(d.getReason() + "|" + d.getStage(), 1L, Long::sum);
            deadLetters.addFirst(row);
            while (deadLetters.size() > DEAD_LETTER_ROWS) {
                deadLetters.removeLast();
            }
            deadLettersSeen++;
            counts = deadLetterCountsJson();
        }
        ObjectNode event = JSON.createObjectNode();
        event.set("latest", row);
        event.set("counts", counts);
        event.put("total", deadLettersSeen);
        emit("deadletter", event);
    }

    /** Adds a health sample; the page draws the last few as time charts. */
    void health(ObjectNode sample) {
        synchronized (this) {
            health.addLast(sample);
            while (health.size() > HEALTH_SAMPLES) {
                health.removeFirst();
            }
        }
        emit("health", sample);
    }

    /** Matches seen so far and the mean latency since the last call (then reset). */
    synchronized long[] takeMatchCounters() {
        long[] out = {matchesSeen, latencyCount == 0 ? -1 : latencySumMs / latencyCount};
        latencySumMs = 0;
        latencyCount = 0;
        return out;
    }

    /** Everything the page shows now. */
    synchronized ObjectNode snapshot() {
        ObjectNode s = JSON.createObjectNode();
        ArrayNode m = s.putArray("matches");
        matches.values().forEach(m::add);
        ArrayNode t = s.putArray("tags");
        tags.values().forEach(t::add);
        ObjectNode d = s.putObject("deadLetters");
        d.set("counts", deadLetterCountsJson());
        d.put("total", deadLettersSeen);
        ArrayNode latest = d.putArray("latest");
        deadLetters.forEach(latest::add);
        ArrayNode h = s.putArray("health");
        health.forEach(h::add);
        return s;
    }

    private ObjectNode deadLetterCountsJson() {
        ObjectNode counts = JSON.createObjectNode();
        deadLetterCounts.forEach(counts::put);
        return counts;
    }

    private void emit(String name, ObjectNode json) {
        String text = json.toString();
        for (BiConsumer<String, String> l : listeners) {
            l.accept(name, text);
        }
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
