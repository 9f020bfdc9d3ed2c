package io.clipstream.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.pipeline.EmbedJob;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.RandomCheckpoint;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus reporter exactly as {@code deploy/conf/config.yaml} configures it (on a free port),
 * in a MiniCluster running the embed job: its endpoint serves the encoder's batch size, queue
 * delay, encode time and record counters and the dead letters by reason, and they move as more
 * records are encoded.
 */
class PrometheusMetricsITCase {
    private static final int PORT = freePort();
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    /** The key/value groups reason and stage are labels, and their keys part of the name. */
    private static final String DEAD_LETTERS = OPERATOR + "reason_stage_deadLetters";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(clusterConfiguration()).build());

    @TempDir
    Path tmp;

    /** The metrics section of the image's Flink configuration, on a free port. */
    private static Configuration clusterConfiguration() {
        Configuration deployed = GlobalConfiguration.loadConfiguration(Path.of("..", "deploy", "conf").toString());
        Configuration conf = new Configuration();
        deployed.toMap().forEach((k, v) -> {
            if (k.startsWith("metrics.")) {
                conf.setString(k, v);
            }
        });
        assertThat(conf.toMap()).containsKey("metrics.reporter.prom.factory.class");
        conf.setString("metrics.reporter.prom.port", String.valueOf(PORT));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    @Test
    void theReporterServesEncoderMetricsThatMove() throws Exception {
        Path model = RandomCheckpoint.write(tmp.resolve("model"), List.of("a photo of a red blue cat dog"), 5);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Configuration conf = Topics.withPrefix(new Configuration(), kafka.bootstrapServers(), "prom.");
            conf.set(EncoderOptions.MODEL_DIR, model.toString());
            conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
            Topics.create(kafka.bootstrapServers(), conf);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            JobClient job = EmbedJob.fromConfiguration(conf, ModelLoader.clipModel()).executeAsync(env);
            try {
                produce(kafka, conf, 0, 20);
                Map<String, Double> first = scrapeUntil(m -> m.getOrDefault(OPERATOR + "recordsEncoded", 0.0) >= 20
                        && m.getOrDefault(DEAD_LETTERS, 0.0) >= 1);
                assertThat(first.get(OPERATOR + "batchSize_count")).as("batches seen by the batchSize histogram").isPositive();
                assertThat(first).containsKeys(OPERATOR + "queueDelayMs", OPERATOR + "encodeTimeMs",
                        OPERATOR + "recordsEncodedPerSecond", OPERATOR + "batchSize");
                assertThat(first.get(DEAD_LETTERS + "{reason=NOT_AVRO}")).isEqualTo(1.0);

                assertThat(first.keySet()).as("every metric the Grafana dashboard draws is served")
                        .containsAll(dashboardMetrics());

                produce(kafka, conf, 20, 30);
                // the counter and the histograms are separate metrics: wait until all of them have moved
                double batches = first.get(OPERATOR + "batchSize_count");
                double timings = first.get(OPERATOR + "encodeTimeMs_count");
                Map<String, Double> later = scrapeUntil(m -> m.getOrDefault(OPERATOR + "recordsEncoded", 0.0) >= 50
                        && m.getOrDefault(OPERATOR + "batchSize_count", 0.0) > batches
                        && m.getOrDefault(OPERATOR + "encodeTimeMs_count", 0.0) > timings);
                assertThat(later.get(OPERATOR + "batchSize_count")).isGreaterThan(first.get(OPERATOR + "batchSize_count"));
                assertThat(later.get(OPERATOR + "encodeTimeMs_count")).isGreaterThan(first.get(OPERATOR + "encodeTimeMs_count"));
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Captions {@code from..from+n}, and one record that is not Avro on the first call. */
    private static void produce(EmbeddedKafka kafka, Configuration conf, int from, int n) {
        EventCodec<CaptionEvent> codec = EventCodec.of(CaptionEvent.class);
        String topic = conf.get(SourceOptions.CAPTIONS_TOPIC);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i < from + n; i++) {
                p.send(new ProducerRecord<>(topic, codec.encode(CaptionEvent.newBuilder().setCaptionId("c" + i)
                        .setText(i % 2 == 0 ? "a red cat" : "a blue dog").setEventTime(Instant.now()).build())));
            }
            if (from == 0) {
                p.send(new ProducerRecord<>(topic, "not avro".getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
    }

    private interface Condition {
        boolean met(Map<String, Double> metrics);
    }

    private static Map<String, Double> scrapeUntil(Condition condition) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Double> metrics = Map.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            metrics = parse(r.body());
            // the last scrape, for a reader of a failed run
            java.nio.file.Files.writeString(Path.of("target", "prometheus-scrape.txt"), r.body());
            if (condition.met(metrics)) {
                return metrics;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("metrics did not reach the expected values; last scrape: " + metrics);
    }

    /**
     * Sums the samples of each metric over its label sets; {@code deadLetters} also per reason
     * (key {@code deadLetters{reason=R}}). For a histogram (a Prometheus summary) the quantile
     * samples add up to a number without meaning under its name: only its presence counts there.
     */
    static Map<String, Double> parse(String exposition) {
        Map<String, Double> out = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            out.merge(name, value, Double::sum);
            if (name.endsWith("deadLetters")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("reason=\"([^\"]*)\"").matcher(line);
                if (m.find()) {
                    out.merge(name + "{reason=" + m.group(1) + "}", value, Double::sum);
                }
            }
        }
        return out;
    }

    /** The metric names in the expressions of {@code deploy/grafana/clipstream-dashboard.json}. */
    private static java.util.Set<String> dashboardMetrics() throws java.io.IOException {
        String dashboard = java.nio.file.Files.readString(Path.of("..", "deploy", "grafana", "clipstream-dashboard.json"));
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("flink_[A-Za-z0-9_]+").matcher(dashboard);
        while (m.find()) {
            names.add(m.group());
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(7);
        return names;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
