package io.clipstream.jobs.cli;

import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.launch.PipelineJobs;
import io.clipstream.jobs.match.MatchOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.LocalFlink;
import io.clipstream.jobs.runtime.RuntimeOptions;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code clipstream demo}: an in-process Kafka broker, a local Flink cluster and the model, fed
 * with images and captions whose pairing is known; prints every match as it is produced and a
 * summary line.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline in this process: embedded Kafka (KRaft), Flink, the match job and the model;"
                + " feeds images and captions in groups that share a correlation key, prints each match as it is published"
                + " (right or wrong against the known pairing) and ends with a 'summary:' line."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    PipelineConfig config;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with images and captions.tsv ('file<TAB>caption'); default: bundled demo set, else drawn shapes.")
    Path data;

    @Option(names = "--images", description = "How many images (and captions) to feed (default: ${DEFAULT-VALUE}).")
    int images = 32;

    @Option(names = "--group-size", description = "Images and captions per correlation key; the model picks among them (default: ${DEFAULT-VALUE}).")
    int groupSize = 8;

    @Option(names = "--rate", description = "Events fed per second (default: ${DEFAULT-VALUE}).")
    double rate = 40;

    @Option(names = "--follow", description = "Keep running after the summary, printing matches, until interrupted.")
    boolean follow;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up waiting for matches after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 90;

    @Option(names = "--seed", description = "Order of the samples (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--view", description = "Also serve the live web view (view.port) and keep running after the summary, like --follow.")
    boolean view;

    @Override
    public Integer call() throws Exception {
        long started = System.currentTimeMillis();
        Configuration conf = config.toConfiguration();
        List<DemoData.Item> items = items();
        Path model = ModelLookup.resolve(this, conf);
        conf.set(EncoderOptions.MODEL_DIR, model.toString());
        conf.set(SourceOptions.STARTING_OFFSETS, "earliest");
        // one slot's worth of tasks starts faster and the model shares the machine's cores anyway
        if (!conf.contains(CoreOptions.DEFAULT_PARALLELISM)) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        }
        TorchThreads.share(conf.get(CoreOptions.DEFAULT_PARALLELISM));
        // each caption of a group belongs to exactly one image: an assignment, not a best pick each
        if (!conf.contains(MatchOptions.POLICY)) {
            conf.set(MatchOptions.POLICY, "one-to-one");
        }
        if (!conf.contains(JobOptions.CHECKPOINT_INTERVAL)) {
            conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(500));
        }
        // the demo runs on the user's own machine with the user's own inputs: local files are fine
        if (!conf.contains(ImageOptions.FETCH_ALLOW_FILES)) {
            conf.set(ImageOptions.FETCH_ALLOW_FILES, true);
        }
        // each image once: a repeated image in one group would make the right caption ambiguous
        List<DemoData.Item> sample = DemoData.sample(items, Math.min(images, items.size()), seed);

        System.out.printf("demo: starting Kafka (KRaft, in process) at %.1f s...%n", since(started));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(conf.get(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS),
                conf.get(RuntimeOptions.BIND_ADDRESS))) {
            conf.set(SourceOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            Topics.create(kafka.bootstrapServers(), conf);
            if (view) {
                DemoView.prepare(conf);
            }
            System.out.printf("demo: broker ready at %.1f s%n", since(started));
            System.out.printf("demo: broker %s, model %s, %d images in groups of %d, policy %s, delivery %s%n",
                    kafka.bootstrapServers(), model, sample.size(), groupSize, conf.get(MatchOptions.POLICY),
                    conf.get(SinkOptions.DELIVERY_GUARANTEE));
            StreamExecutionEnvironment env = LocalFlink.environment(conf);
            JobClient job = PipelineJobs.create("match", conf, ModelLoader.clipModel()).executeAsync(env);
            AutoCloseable viewServer = view ? DemoView.start(conf) : () -> { };
            System.out.printf("demo: job submitted at %.1f s; warming up (model load, first batch)...%n", since(started));
            warmUp(kafka, conf, sample.get(0), job);
            System.out.printf("demo: pipeline ready at %.1f s; feeding %d images and %d captions at %.0f events/s%n",
                    since(started), sample.size(), sample.size(), rate);
            Map<String, String> truth = new HashMap<>();
            Map<String, String> texts = new HashMap<>();
            for (DemoData.Item i : sample) {
                truth.put(i.id(), "c:" + i.id());
                texts.put("c:" + i.id(), i.caption());
            }
            MatchTally tally = new MatchTally(truth, texts, System.out);
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = new Thread(() -> read(kafka, conf.get(SinkOptions.MATCHES_TOPIC), tally, stop), "demo-matches");
            reader.setDaemon(true);
            reader.start();
            long firstFed = System.currentTimeMillis();
            feed(kafka, conf, sample);
            long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
            while (System.currentTimeMillis() < deadline && !(tally.allMatched()
                    && System.currentTimeMillis() - tally.lastMatchMs() > 2000)) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                }
                Thread.sleep(200);
            }
            int fed = 2 * sample.size();
            double seconds = Math.max(1, tally.lastMatchMs() - firstFed) / 1000.0;
            System.out.printf("summary: images=%d matched=%d correct=%d accuracy=%.3f throughput=%.1f p50_ms=%d p99_ms=%d"
                            + " delivery=%s elapsed_s=%.1f%n",
                    sample.size(), tally.matched(), tally.correct(), tally.correct() / (double) sample.size(), fed / seconds,
                    tally.latencyQuantile(0.5), tally.latencyQuantile(0.99), conf.get(SinkOptions.DELIVERY_GUARANTEE),
                    (System.currentTimeMillis() - started) / 1000.0);
            if (follow || view) {
                System.out.println("demo: following matches; interrupt (Ctrl-C) to stop");
                reader.join();
            }
            stop.set(true);
            job.cancel().get();
            reader.join(5000);
            viewServer.close();
        }
        System.out.printf("demo: stopped at %.1f s%n", since(started));
        return 0;
    }

    private static double since(long startMs) {
        return (System.currentTimeMillis() - startMs) / 1000.0;
    }

    /** One pair under its own key, waited for, so that start-up does not count as latency. */
    private void warmUp(EmbeddedKafka kafka, Configuration conf, DemoData.Item item, JobClient job) throws Exception {
        DemoData.Item probe = new DemoData.Item("warm-up", item.image(), item.caption());
        int savedGroup = groupSize;
        groupSize = 1;
        feedGroups(kafka, conf, List.of(probe), "warm-up");
        groupSize = savedGroup;
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("group.id", "clipstream-demo-warm-up");
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(conf.get(SinkOptions.MATCHES_TOPIC)));
            while (c.poll(Duration.ofMillis(200)).isEmpty()) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the pipeline produced no match within " + timeoutSeconds + " s");
                }
            }
        }
    }

    private List<DemoData.Item> items() throws Exception {
        if (data != null) {
            return DemoData.fromFolder(data);
        }
        List<DemoData.Item> bundled = DemoData.bundled();
        return bundled.isEmpty() ? DemoData.drawn() : bundled;
    }

    /** Per group: its captions, then its images, paced at {@link #rate}. */
    private void feed(EmbeddedKafka kafka, Configuration conf, List<DemoData.Item> sample) throws Exception {
        feedGroups(kafka, conf, sample, "g");
    }

    private void feedGroups(EmbeddedKafka kafka, Configuration conf, List<DemoData.Item> sample, String keyPrefix)
            throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("linger.ms", "0");
        EventCodec<ImageEvent> imageCodec = EventCodec.of(ImageEvent.class);
        EventCodec<CaptionEvent> captionCodec = EventCodec.of(CaptionEvent.class);
        long pauseNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int g = 0; g * groupSize < sample.size(); g++) {
                List<DemoData.Item> group = sample.subList(g * groupSize, Math.min(sample.size(), (g + 1) * groupSize));
                String key = keyPrefix + g;
                for (int pass = 0; pass < 2; pass++) {
                    for (DemoData.Item i : group) {
                        byte[] value = pass == 0
                                ? captionCodec.encode(CaptionEvent.newBuilder().setCaptionId("c:" + i.id()).setKey(key)
                                        .setText(i.caption()).setEventTime(Instant.now()).build())
                                : imageCodec.encode(ImageEvent.newBuilder().setImageId(i.id()).setKey(key)
                                        .setImage(new InlineImage(ByteBuffer.wrap(i.image()), null)).setEventTime(Instant.now()).build());
                        String topic = conf.get(pass == 0 ? SourceOptions.CAPTIONS_TOPIC : SourceOptions.IMAGES_TOPIC);
                        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
                        next += pauseNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            }
            producer.flush();
        }
    }

    private static void read(EmbeddedKafka kafka, String topic, MatchTally tally, AtomicBoolean stop) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "clipstream-demo");
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        EventCodec<MatchEvent> codec = EventCodec.of(MatchEvent.class);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    try {
                        MatchEvent m = codec.decode(r.value());
                        if (m.getKey() == null || !m.getKey().toString().startsWith("warm-up")) {
                            tally.add(m, System.currentTimeMillis());
                        }
                    } catch (Exception e) {
                        System.err.println("demo: unreadable match: " + e);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }
}
