package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.ClipSinks;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ClipSources;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images by reference through a running job: slow sources delay only themselves, and the fetch
 * defaults refuse files and the job host's own network. Real broker, real MiniCluster, real HTTP
 * servers on loopback, which the first test has to allow-list to be fetched at all.
 */
class ImageFetchITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    private static final int SLOW = 6;

    @TempDir
    Path tmp;

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stopServers() throws InterruptedException {
        release.countDown();
        servers.forEach(s -> s.stop(0));
        handlers.shutdownNow();
        handlers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** An HTTP server on loopback; {@code stall} makes every request wait until the test releases it. */
    private int server(byte[] body, boolean stall) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(handlers);
        s.createContext("/", ex -> {
            requests.incrementAndGet();
            if (stall) {
                held.incrementAndGet();
                try {
                    release.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(ex, body);
        });
        s.start();
        servers.add(s);
        return s.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Six slow images (their server holds them until released) ahead of a good one and an inline
     * one, each with its caption. The inline image goes through the same async operator as the
     * fetches and must not wait for them.
     */
    private Configuration slowScenario(String name) throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), name);
        // a streaming job, as in production: with a bounded source the finished sources would end
        // checkpointing (and so the exactly-once commits) until every fetch had returned
        conf.set(SourceOptions.BOUNDED, false);
        conf.set(SourceOptions.STARTING_OFFSETS, "earliest");
        // the servers are on loopback: refused unless allow-listed, which is the point of the option
        conf.set(ImageOptions.FETCH_ALLOW_HOSTS, List.of("127.0.0.1/32"));
        // the stalled requests must outlast the wait for the good pair, however slow this machine is
        conf.set(ImageOptions.FETCH_READ_TIMEOUT, Duration.ofMinutes(4));
        conf.set(ImageOptions.FETCH_TIMEOUT, Duration.ofMinutes(4));
        int slowPort = server(png(Color.BLUE, 40), true);
        int goodPort = server(png(Color.RED, 40), false);

        List<byte[]> images = new ArrayList<>();
        List<byte[]> captions = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            images.add(ref("slow-" + i, "slow-" + i, "http://127.0.0.1:" + slowPort + "/slow-" + i + ".png"));
            captions.add(caption("cap-slow-" + i, "slow-" + i, "a blue square"));
        }
        // produced last, so every slow image is read (and in flight) before it
        images.add(ref("good", "good", "http://127.0.0.1:" + goodPort + "/good.png"));
        captions.add(caption("cap-good", "good", "a red square"));
        images.add(image("inline", "inline", png(Color.GREEN, 40)));
        captions.add(caption("cap-inline", "inline", "a green square"));
        // slow ones ahead of the good one in both partitions, so whichever subtask reads it has them first
        produceToPartitions(kafka, conf.get(SourceOptions.IMAGES_TOPIC), images);
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.CAPTIONS_TOPIC), captions);

        return conf;
    }

    @Test
    void sixSlowUrlsDoNotHoldBackAGoodPair() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = slowScenario("slowfetch");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        long submitted = System.nanoTime();
        JobClient job = MatchJob.fromConfiguration(conf, PipelineTestKit.clipModel()).executeAsync(env);
        String matchesTopic = conf.get(SinkOptions.MATCHES_TOPIC);

        // the good pairs come out while all six slow fetches are still held by the server
        List<MatchEvent> first = PipelineTestKit.decodeAll(MatchEvent.class, PipelineTestKit.awaitCommitted(kafka,
                matchesTopic, r -> r.size() >= 2, Duration.ofMinutes(3)));
        System.out.printf("image fetch: good pairs committed %d ms after job submission, %d slow fetches held%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted), held.get());
        assertThat(first).extracting(m -> m.getImageId().toString()).containsExactlyInAnyOrder("good", "inline");
        // it was fetched, matched and committed while slow fetches held their slots (none has answered yet)
        assertThat(held.get()).as("slow requests held by the server when the good match arrived").isPositive();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (held.get() < SLOW && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(held).as("all slow fetches in flight at once, none answered").hasValue(SLOW);
        assertThat(PipelineTestKit.readCommitted(kafka, conf.get(DeadLetterOptions.TOPIC), Duration.ofMillis(500))).isEmpty();

        release.countDown();
        List<ConsumerRecord<byte[], byte[]>> all = PipelineTestKit.awaitCommitted(kafka, matchesTopic,
                r -> r.size() >= SLOW + 2, Duration.ofMinutes(3));
        // a little longer: a duplicate, were there one, would show up now
        all = PipelineTestKit.readCommitted(kafka, matchesTopic, Duration.ofSeconds(3));
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get(1, TimeUnit.MINUTES);
        List<MatchEvent> matches = PipelineTestKit.decodeAll(MatchEvent.class, all);
        assertThat(matches).extracting(m -> m.getImageId() + "/" + m.getCaptionId()).containsExactlyInAnyOrder(
                "good/cap-good", "inline/cap-inline", "slow-0/cap-slow-0", "slow-1/cap-slow-1", "slow-2/cap-slow-2",
                "slow-3/cap-slow-3", "slow-4/cap-slow-4", "slow-5/cap-slow-5");
    }

    @Test
    void fetchesInFlightAreInTheSavepointAndRunAgainAfterARestore() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = slowScenario("fetchsavepoint");
        String matchesTopic = conf.get(SinkOptions.MATCHES_TOPIC);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = MatchJob.fromConfiguration(conf, PipelineTestKit.clipModel()).executeAsync(env);
        PipelineTestKit.awaitCommitted(kafka, matchesTopic, r -> !r.isEmpty(), Duration.ofMinutes(3));
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (held.get() < SLOW && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(held).hasValue(SLOW);

        // stopped while the six fetches hang: they are in the savepoint, not lost and not answered
        String savepoint = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
        release.countDown();
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment again = StreamExecutionEnvironment.getExecutionEnvironment(restore);
        again.setParallelism(2);
        // restored with a wider image stage than the encoders': the fetches in flight are redistributed
        Configuration wider = new Configuration(conf);
        wider.set(ImageOptions.PREPROCESS_PARALLELISM, 3);
        JobClient restored = MatchJob.fromConfiguration(wider, PipelineTestKit.clipModel()).executeAsync(again);

        PipelineTestKit.awaitCommitted(kafka, matchesTopic, r -> r.size() >= SLOW + 2, Duration.ofMinutes(3));
        List<ConsumerRecord<byte[], byte[]>> all = PipelineTestKit.readCommitted(kafka, matchesTopic, Duration.ofSeconds(3));
        restored.cancel().get(1, TimeUnit.MINUTES);
        // exactly once across the stop: the good match is not repeated, every slow one arrives once
        assertThat(PipelineTestKit.decodeAll(MatchEvent.class, all)).extracting(m -> m.getImageId() + "/" + m.getCaptionId())
                .containsExactlyInAnyOrder("good/cap-good", "inline/cap-inline", "slow-0/cap-slow-0", "slow-1/cap-slow-1",
                        "slow-2/cap-slow-2", "slow-3/cap-slow-3", "slow-4/cap-slow-4", "slow-5/cap-slow-5");
        assertThat(requests.get()).as("the six slow images were fetched again after the restore").isGreaterThanOrEqualTo(2 * SLOW + 1);
    }

    /** Record i to partition i % 2: the good image to partition 0 after three slow ones, the inline one to 1 after three. */
    private static void produceToPartitions(EmbeddedKafka kafka, String topic, List<byte[]> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, values.get(i)));
            }
            producer.flush();
        }
    }

    private static byte[] ref(String id, String key, String uri) {
        return EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId(id).setKey(key)
                .setImage(new ImageReference(uri)).setEventTime(Instant.now()).build());
    }

    @Test
    void filesAndTheHostsOwnNetworkAreRefusedUnderTheDefaults() throws Exception {
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, PipelineTestKit.model(), "fetchdefaults");
        conf.set(DeadLetterOptions.MAX_ORIGINAL_BYTES, 4096);
        int port = server(png(Color.RED, 40), false);
        Path onDisk = Files.write(tmp.resolve("private.png"), png(Color.GREEN, 36));
        Path secret = Files.write(tmp.resolve("passwd"), "root:x:0:0:TOPSECRET".getBytes(StandardCharsets.UTF_8));

        List<String> refused = List.of(onDisk.toUri().toString(), onDisk.toString(), secret.toString(), "file:///etc/passwd",
                "http://127.0.0.1:" + port + "/x.png", "http://localhost:" + port + "/x.png", "http://[::1]:" + port + "/x.png",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x.png", "http://192.168.1.1/x.png");
        List<byte[]> images = new ArrayList<>();
        images.add(image("img-inline", null, png(Color.RED, 40)));
        for (int i = 0; i < refused.size(); i++) {
            images.add(BadInputs.imageRef("img-refused-" + i, refused.get(i)));
        }
        // slow ones ahead of the good one in both partitions, so whichever subtask reads it has them first
        produceToPartitions(kafka, conf.get(SourceOptions.IMAGES_TOPIC), images);
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.CAPTIONS_TOPIC), List.of(caption("cap", null, "a red square")));

        new EmbedJob(ClipSources.images(conf, "embed"), ClipSources.captions(conf, "embed"), ClipSinks.embeddings(conf, "embed"),
                ClipSinks.deadLetters(conf, "embed"), conf, PipelineTestKit.clipModel())
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        List<EmbeddingEvent> embeddings = PipelineTestKit.decodeAll(EmbeddingEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.EMBEDDINGS_TOPIC), Duration.ofSeconds(2)));
        assertThat(embeddings).extracting(e -> e.getSourceId().toString()).containsExactlyInAnyOrder("img-inline", "cap");
        List<DeadLetterEvent> dead = PipelineTestKit.decodeAll(DeadLetterEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(DeadLetterOptions.TOPIC), Duration.ofSeconds(1)));
        assertThat(dead).hasSize(refused.size());
        Set<String> ids = dead.stream().map(d -> d.getMessage().toString().split(":")[0]).collect(Collectors.toSet());
        assertThat(ids).hasSize(refused.size());
        for (DeadLetterEvent d : dead) {
            assertThat(d.getReason().toString()).as(d.getMessage().toString()).isEqualTo("FETCH_REFUSED");
            assertThat(d.getStage().toString()).isEqualTo("image");
            assertThat(d.getSourceTopic().toString()).isEqualTo(conf.get(SourceOptions.IMAGES_TOPIC));
            assertThat(d.getSourceOffset()).isNotNegative();
            String message = d.getMessage().toString();
            assertThat(message).containsAnyOf("is not allowed", ImageOptions.FETCH_ALLOW_FILES.key());
            // nothing of the files or the server is in the dead letter: not in the message, not in the bytes
            String original = StandardCharsets.ISO_8859_1.decode(d.getOriginalBytes()).toString();
            assertThat(message + original).doesNotContain("TOPSECRET", "root:x", "PNG", "IHDR");
        }
        assertThat(requests).as("the loopback server was never contacted").hasValue(0);
    }
}
