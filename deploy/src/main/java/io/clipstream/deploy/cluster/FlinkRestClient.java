package io.clipstream.deploy.cluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The part of Flink's REST API a session cluster needs from outside: upload and run a jar, list jobs,
 * look at one, cancel it, count the TaskManagers.
 *
 * <pre>{@code
 * FlinkRestClient rest = new FlinkRestClient(URI.create("http://127.0.0.1:8081"));
 * String jarId = rest.uploadJar(Path.of("clipstream-job.jar"));
 * String jobId = rest.runJar(jarId, "io.clipstream.jobs.launch.ClusterEntryPoint", List.of("match"), 2);
 * }</pre>
 */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** {@code POST /jars/upload}; returns the jar id the cluster gave it. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "clipstream-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        String filename = send(request).path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /** {@code POST /jars/{id}/run}; returns the job id. A parallelism of 0 keeps the job's own. */
    public String runJar(String jarId, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        ObjectNode run = JSON.createObjectNode().put("entryClass", entryClass);
        args.forEach(run.putArray("programArgsList")::add);
        if (parallelism > 0) {
            run.put("parallelism", parallelism);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(run))).build();
        return send(request).path("jobid").asText();
    }

    /** {@code GET /overview}: TaskManagers, slots, jobs by state. */
    public JsonNode clusterOverview() throws IOException, InterruptedException {
        return get("/overview");
    }

    /** {@code GET /jobs/overview}: every job with its state and task counts. */
    public JsonNode jobsOverview() throws IOException, InterruptedException {
        return get("/jobs/overview");
    }

    /** {@code GET /jobs/{id}}. */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    /** The job's state, e.g. {@code RUNNING}, {@code RESTARTING}, {@code FINISHED}, {@code FAILED}. */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return job(jobId).path("state").asText();
    }

    /** {@code GET /jobs/{id}/checkpoints}: counts and the latest completed checkpoint. */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code GET /jobs/{id}/exceptions}: the root cause and history of failures. */
    public JsonNode exceptions(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions");
    }

    /** The ids of the TaskManagers running at least one task of the job (the local cluster names them). */
    public Set<String> taskManagersOf(String jobId) throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : job(jobId).path("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                if (tm.path("status").asText().equals("RUNNING")) {
                    ids.add(tm.path("taskmanager-id").asText());
                }
            }
        }
        return ids;
    }

    /** {@code PATCH /jobs/{id}?mode=cancel}. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build());
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** The first line and the innermost cause of a Flink REST error, not the whole stack trace. */
    static String summary(String body) {
        try {
            String error = JSON.readTree(body).path("errors").path(0).asText(body);
            String[] lines = error.split("\n");
            String cause = "";
            for (String line : lines) {
                if (line.startsWith("Caused by: ")) {
                    cause = line.substring("Caused by: ".length());
                }
            }
            return cause.isEmpty() ? lines[0] : lines[0] + " ... caused by " + cause;
        } catch (IOException e) {
            return body;
        }
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " -> " + response.statusCode()
                    + ": " + summary(response.body()));
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
