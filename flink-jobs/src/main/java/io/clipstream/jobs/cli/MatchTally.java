package io.clipstream.jobs.cli;

import io.clipstream.schemas.MatchEvent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps score of the demo: the latest match of each image (matching emits an update when a better
 * caption arrives), whether it is the true caption, and end-to-end latencies.
 */
final class MatchTally {
    private final Map<String, String> truth;
    private final Map<String, String> captionText;
    private final Map<String, MatchEvent> latest = new HashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final PrintStream out;
    private long lastMatchMs;
    private int events;

    /**
     * @param truth image id to the id of its true caption
     * @param captionText caption id to text, for printing
     */
    MatchTally(Map<String, String> truth, Map<String, String> captionText, PrintStream out) {
        this.truth = truth;
        this.captionText = captionText;
        this.out = out;
    }

    synchronized void add(MatchEvent m, long receivedMs) {
        String image = m.getImageId().toString();
        latest.put(image, m);
        events++;
        lastMatchMs = receivedMs;
        latencies.add(receivedMs - m.getTimings().getProducedMs());
        boolean right = String.valueOf(truth.get(image)).equals(m.getCaptionId().toString());
        out.printf("%4d/%d  %-5s %-22s <- %-28s cos %6.3f  p %5.3f  %-8s %s%n", latest.size(), truth.size(),
                m.getKey() == null ? "-" : m.getKey(), image,
                '"' + captionText.getOrDefault(m.getCaptionId().toString(), m.getCaptionId().toString()) + '"',
                m.getCosine(), m.getProbability(), m.getDecision(), right ? "right" : "wrong");
        out.flush();
    }

    synchronized boolean allMatched() {
        return latest.keySet().containsAll(truth.keySet());
    }

    synchronized long lastMatchMs() {
        return lastMatchMs;
    }

    synchronized int correct() {
        int n = 0;
        for (Map.Entry<String, MatchEvent> e : latest.entrySet()) {
            if (String.valueOf(truth.get(e.getKey())).equals(e.getValue().getCaptionId().toString())) {
                n++;
            }
        }
        return n;
    }

    synchronized int matched() {
        return latest.size();
    }

    synchronized int events() {
        return events;
    }

    /** The {@code q} quantile of end-to-end latency in milliseconds, or -1 without data. */
    synchronized long latencyQuantile(double q) {
        return quantile(latencies, q);
    }

    static long quantile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
