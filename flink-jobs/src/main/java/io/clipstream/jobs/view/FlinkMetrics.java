package io.clipstream.jobs.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoder's metrics of the running job, read from Flink's REST API: for each vertex, the
 * subtask metrics whose names end in the encoder's ({@code batchSize}, {@code queueDelayMs},
 * {@code encodeTimeMs} histograms as their means, {@code recordsEncodedPerSecond}), averaged over
 * subtasks (the rate summed). Unreachable REST or no running job gives an empty map.
 */
final class FlinkMetrics {
    /** Metric suffix, as the REST API names it, to the name the page uses. */
    private static final Map<String, String> WANTED = Map.of(
            ".batchSize_mean", "batchSize", ".queueDelayMs_mean", "queueDelayMs",
            ".encodeTimeMs_mean", "encodeTimeMs", ".recordsEncodedPerSecond", "encodedPerSecond");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, List<String>> metricIds = new HashMap<>();
    private long idsFetchedMs;

    FlinkMetrics(String restAddress) {
        this.base = restAddress.endsWith("/") ? restAddress.substring(0, restAddress.length() - 1) : restAddress;
    }

    /** Current values by page name; empty when nothing could be read. */
    Map<String, Double> read() {
        Map<String, Double> out = new HashMap<>();
        try {
            String job = runningJob();
            if (job == null) {
                return out;
            }
            if (metricIds.isEmpty() || System.currentTimeMillis() - idsFetchedMs > 15_000) {
                metricIds.clear();
                for (JsonNode v : get("/jobs/" + job).path("vertices")) {
                    List<String> ids = new ArrayList<>();
                    for (JsonNode m : get("/jobs/" + job + "/vertices/" + v.path("id").asText() + "/subtasks/metrics")) {
                        String id = m.path("id").asText();
                        if (WANTED.keySet().stream().anyMatch(id::endsWith)) {
                            ids.add(id);
                        }
                    }
                    if (!ids.isEmpty()) {
                        metricIds.put(v.path("id").asText(), ids);
                    }
                }
                idsFetchedMs = System.currentTimeMillis();
            }
            Map<String, double[]> sums = new HashMap<>();
            for (Map.Entry<String, List<String>> e : metricIds.entrySet()) {
                String query = String.join(",", e.getValue());
                for (JsonNode m : get("/jobs/" + job + "/vertices/" + e.getKey() + "/subtasks/metrics?agg=avg,sum&get="
                        + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8))) {
                    String id = m.path("id").asText();
                    for (Map.Entry<String, String> w : WANTED.entrySet()) {
                        if (id.endsWith(w.getKey())) {
                            boolean rate = w.getValue().equals("encodedPerSecond");
                            double value = rate ? m.path("sum").asDouble() : m.path("avg").asDouble();
                            double[] acc = sums.computeIfAbsent(w.getValue(), k -> new double[2]);
                            acc[0] += value;
                            acc[1] += 1;
                        }
                    }
                }
            }
            // images and captions are separate encoders: rates add up, the rest is their mean
            sums.forEach((k, acc) -> out.put(k, k.equals("encodedPerSecond") ? acc[0] : acc[0] / acc[1]));
        } catch (Exception e) {
            metricIds.clear();
            idsFetchedMs = 0;
        }
        return out;
    }

    private String runningJob() throws Exception {
        for (JsonNode j : get("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText())) {
                return j.path("jid").asText();
            }
        }
        return null;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + path);
        }
        return ViewState.JSON.readTree(r.body());
    }
}
