package io.clipstream.jobs.cli;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.launch.PipelineJobs;
import io.clipstream.jobs.runtime.LocalFlink;
import io.clipstream.jobs.runtime.Topics;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.wire.EventCodec;
import io.clipstream.schemas.wire.WireFormatException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The pipeline runs of {@code bench pipeline}, each on its own topics of one broker ({@link BenchBroker}). */
final class BenchRuns {
    /** Keys of the match runs, one caption each. */
    private static final int KEYS = 16;

    private BenchRuns() {}

    /**
     * Pre-loads {@code count} images, runs the embed job over them (bounded) and returns the
     * steady-state rate at which the embeddings were written and the seconds it was measured over:
     * output timestamps from {@code warmUpSeconds} after the first output to the last, so that
     * start-up and model loading do not count; then the process's CPU figures over the same window.
     */
    static Steady embedThroughput(BenchBroker broker, Configuration base, BenchWorkload workload, int count, String name,
            JobOptions.EncoderMode mode, ModelLoader loader, double warmUpSeconds) throws Exception {
        Configuration conf = topics(broker, base, name);
        conf.set(SourceOptions.BOUNDED, true);
        conf.set(JobOptions.ENCODER_MODE, mode);
        EventCodec<ImageEvent> codec = EventCodec.of(ImageEvent.class);
        String imagesTopic = conf.get(SourceOptions.IMAGES_TOPIC);
        try (Feed feed = new Feed(broker)) {
            for (int i = 0; i < count; i++) {
                feed.send(imagesTopic, codec.encode(workload.event(i, "img-" + i, null)));
            }
        }
        long produced = endOffsets(broker, imagesTopic);
        if (produced != count) {
            throw new IllegalStateException(name + ": the images topic holds " + produced + " records, not " + count);
        }
        BenchCpu cpu = runToEnd("embed", conf, loader);
        EventCodec<EmbeddingEvent> embeddings = EventCodec.of(EmbeddingEvent.class);
        Output out = output(broker, conf.get(SinkOptions.EMBEDDINGS_TOPIC), v -> embeddings.decode(v).getSourceId().toString());
        long deadLetters = endOffsets(broker, conf.get(DeadLetterOptions.TOPIC));
        System.out.printf("  %s run: wrote %d of %d embeddings (%d distinct inputs, %d dead letters)%s%n", name, out.stamps().length,
                count, out.ids().size(), deadLetters, out.ids().size() == count && out.stamps().length == count ? ", every input once"
                        : ", INCOMPLETE");
        return steadyState(out.stamps(), warmUpSeconds, cpu);
    }

    /**
     * Like {@link #embedThroughput} for the match job, in the latency run's setting (one caption per
     * key, at-least-once): pre-loads the captions and {@code count} keyed images, runs the job over
     * them (bounded) and returns its steady-state figures, the rate being matches per second. This is
     * the capacity that the latency runs take shares of.
     */
    static Steady matchThroughput(BenchBroker broker, Configuration base, BenchWorkload workload, int count, String name,
            ModelLoader loader, double warmUpSeconds) throws Exception {
        Configuration conf = matchSetting(broker, base, name, true);
        EventCodec<ImageEvent> images = EventCodec.of(ImageEvent.class);
        try (Feed feed = new Feed(broker)) {
            for (int i = 0; i < count; i++) {
                feed.send(conf.get(SourceOptions.IMAGES_TOPIC), images.encode(workload.event(i, "img-" + i, "k" + (i % KEYS))));
            }
        }
        BenchCpu cpu = runToEnd("match", conf, loader);
        EventCodec<MatchEvent> matches = EventCodec.of(MatchEvent.class);
        Output out = output(broker, conf.get(SinkOptions.MATCHES_TOPIC), v -> matches.decode(v).getImageId().toString());
        System.out.printf("  %s run: %d matches for %d images (%d distinct images, %d dead letters)%s%n", name, out.stamps().length,
                count, out.ids().size(), endOffsets(broker, conf.get(DeadLetterOptions.TOPIC)),
                out.ids().size() == count ? ", every image matched" : ", INCOMPLETE");
        return steadyState(out.stamps(), warmUpSeconds, cpu);
    }

    /**
     * Runs {@code job} over what its topics hold (bounded), with the process's CPU time sampled meanwhile,
     * then prints what its encoders reported ({@link BenchEncoderMetrics}).
     */
    private static BenchCpu runToEnd(String job, Configuration conf, ModelLoader loader) throws Exception {
        Configuration measured = BenchEncoderMetrics.install(conf);
        BenchCpu cpu = new BenchCpu();
        long start = System.nanoTime();
        try {
            PipelineJobs.create(job, measured, loader).execute(LocalFlink.environment(measured));
        } finally {
            cpu.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (BenchEncoderMetrics.Encoder encoder : BenchEncoderMetrics.summary()) {
            System.out.println("  encoder " + encoder.describe(seconds));
        }
        return cpu;
    }

    /** The distinct ids and the sorted timestamps of a topic's records. */
    private record Output(Set<String> ids, long[] stamps) {}

    /** The id of a record's value. */
    private interface IdOf {
        String of(byte[] value) throws WireFormatException;
    }

    private static Output output(BenchBroker broker, String topic, IdOf idOf) throws WireFormatException {
        List<ConsumerRecord<byte[], byte[]>> records = readAll(broker, topic);
        Set<String> ids = new HashSet<>();
        long[] stamps = new long[records.size()];
        for (int i = 0; i < stamps.length; i++) {
            ids.add(idOf.of(records.get(i).value()));
            stamps[i] = records.get(i).timestamp();
        }
        java.util.Arrays.sort(stamps);
        return new Output(ids, stamps);
    }

    /**
     * A run's figures over its steady-state window: images (or matches) per second, the seconds
     * measured, the whole process's CPU milliseconds per image, the share of the window's wall time
     * spent in GC, and the JIT's compile time as a share of the window's CPU time (how far the run was
     * from the steady state, where it would be near zero; see {@link BenchCpu#between}).
     */
    record Steady(double rate, double seconds, double cpuMsPerImage, double gcShare, double jitShare) {
        /** The window's CPU figures in one line of the benchmark's output. */
        String describe() {
            return String.format(Locale.ROOT, "whole process over that window: %.3f CPU ms per image, %.0f%% of the time in GC,"
                    + " JIT compile time %.0f%% of its CPU time", cpuMsPerImage, 100 * gcShare, 100 * jitShare);
        }
    }

    /** The figures over the output timestamps from {@code warmUpSeconds} after the first output to the last. */
    private static Steady steadyState(long[] stamps, double warmUpSeconds, BenchCpu cpu) {
        int n = stamps.length;
        if (n < 2) {
            return new Steady(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        long from = stamps[0] + (long) (warmUpSeconds * 1000);
        int firstMeasured = 0;
        while (firstMeasured < n - 1 && stamps[firstMeasured] < from) {
            firstMeasured++;
        }
        if (n - firstMeasured < 2 || stamps[n - 1] <= stamps[firstMeasured]) {
            // the run was shorter than the warm-up: the whole run, start-up included
            firstMeasured = 0;
        }
        double seconds = (stamps[n - 1] - stamps[firstMeasured]) / 1000.0;
        double[] used = cpu.between(stamps[firstMeasured], stamps[n - 1]);
        int records = n - 1 - firstMeasured;
        return new Steady(records / Math.max(0.001, seconds), seconds, 1000 * used[0] / Math.max(1, records),
                used[1] / Math.max(0.001, seconds), used[2] / Math.max(0.001, used[0]));
    }

    /** New topics for a match run, at-least-once, with one caption per key already loaded. */
    private static Configuration matchSetting(BenchBroker broker, Configuration base, String name, boolean bounded)
            throws Exception {
        Configuration conf = topics(broker, base, name);
        conf.set(SinkOptions.DELIVERY_GUARANTEE, SinkOptions.Guarantee.AT_LEAST_ONCE);
        conf.set(SourceOptions.BOUNDED, bounded);
        EventCodec<CaptionEvent> captions = EventCodec.of(CaptionEvent.class);
        try (Feed feed = new Feed(broker)) {
            for (int k = 0; k < KEYS; k++) {
                feed.send(conf.get(SourceOptions.CAPTIONS_TOPIC), captions.encode(CaptionEvent.newBuilder()
                        .setCaptionId("cap-" + k).setKey("k" + k).setText("a photo of a red square").setEventTime(Instant.now()).build()));
            }
        }
        return conf;
    }

    /**
     * One caption per key is loaded, then images are fed at {@code rate} for {@code warmUpSeconds}
     * plus {@code seconds}; of the images produced after the warm-up (the job's first seconds run
     * code the JIT has not compiled yet), returns p50, p99 of emit - produced, p50, p99 of consumer receive - produced, the match count, then
     * p50, p99 of each part of emit - produced: produced to read by the source, read to encoded
     * (decode, batch wait, model), encoded to emitted (matching and the hops between); last p50, p99
     * of the benchmark's own send to the broker's acknowledgement (the load generator's share of the first part).
     */
    static long[] matchLatency(BenchBroker broker, Configuration base, BenchWorkload workload, ModelLoader loader,
            String name, double rate, int warmUpSeconds, int seconds) throws Exception {
        Configuration conf = matchSetting(broker, base, name, false);
        EventCodec<ImageEvent> images = EventCodec.of(ImageEvent.class);
        JobClient job = PipelineJobs.create("match", conf, loader)
                .executeAsync(LocalFlink.environment(conf));
        List<Long> emit = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        List<List<Long>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // send to acknowledgement by the broker, on the producer's own thread
        List<Long> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        Properties p = broker.clientProperties();
        p.put("group.id", broker.prefix(name) + "latency");
        p.put("auto.offset.reset", "earliest");
        EventCodec<MatchEvent> codec = EventCodec.of(MatchEvent.class);
        try (KafkaProducer<byte[], byte[]> producer = producer(broker);
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(conf.get(SinkOptions.MATCHES_TOPIC)));
            String topic = conf.get(SourceOptions.IMAGES_TOPIC);
            // warm-up: model loaded, every operator running
            producer.send(new ProducerRecord<>(topic, images.encode(workload.event(0, "warm-up", "k0"))));
            producer.flush();
            long deadline = System.currentTimeMillis() + 120_000;
            while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no match within two minutes");
                }
            }
            long periodNanos = (long) (1e9 / rate);
            long start = System.nanoTime();
            long measuredFromMs = System.currentTimeMillis() + warmUpSeconds * 1000L;
            long next = start;
            int sent = 0;
            int measured = 0;
            while (System.nanoTime() - start < (warmUpSeconds + seconds) * 1_000_000_000L) {
                // every record that is due, then the consumer: one record per poll would cap the offered rate near 1,000/s
                while (System.nanoTime() >= next) {
                    long sentNanos = System.nanoTime();
                    boolean counted = System.currentTimeMillis() >= measuredFromMs;
                    producer.send(new ProducerRecord<>(topic, images.encode(workload.event(sent, "img-" + sent, "k" + (sent % KEYS)))),
                            (metadata, e) -> {
                                if (counted && e == null) {
                                    acked.add((System.nanoTime() - sentNanos) / 1_000_000);
                                }
                            });
                    sent++;
                    measured += counted ? 1 : 0;
                    next += periodNanos;
                }
                collect(consumer.poll(Duration.ofMillis(1)), codec, measuredFromMs, emit, received, parts);
            }
            long drain = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < drain && received.size() < measured) {
                collect(consumer.poll(Duration.ofMillis(50)), codec, measuredFromMs, emit, received, parts);
            }
        } finally {
            job.cancel().get();
        }
        long[] out = new long[7 + 2 * parts.size()];
        out[0] = MatchTally.quantile(emit, 0.5);
        out[1] = MatchTally.quantile(emit, 0.99);
        out[2] = MatchTally.quantile(received, 0.5);
        out[3] = MatchTally.quantile(received, 0.99);
        out[4] = emit.size();
        for (int i = 0; i < parts.size(); i++) {
            out[5 + 2 * i] = MatchTally.quantile(parts.get(i), 0.5);
            out[6 + 2 * i] = MatchTally.quantile(parts.get(i), 0.99);
        }
        synchronized (acked) {
            out[5 + 2 * parts.size()] = MatchTally.quantile(acked, 0.5);
            out[6 + 2 * parts.size()] = MatchTally.quantile(acked, 0.99);
        }
        return out;
    }

    private static void collect(Iterable<ConsumerRecord<byte[], byte[]>> records, EventCodec<MatchEvent> codec,
            long measuredFromMs, List<Long> emit, List<Long> received, List<List<Long>> parts) {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                MatchEvent m = codec.decode(r.value());
                var t = m.getTimings();
                if (t.getProducedMs() < measuredFromMs) {
                    continue; // produced during the warm-up
                }
                emit.add(t.getEmitMs() - t.getProducedMs());
                received.add(now - t.getProducedMs());
                parts.get(0).add(t.getIngestMs() - t.getProducedMs());
                parts.get(1).add(t.getEncodeMs() - t.getIngestMs());
                parts.get(2).add(t.getEmitMs() - t.getEncodeMs());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Configuration topics(BenchBroker broker, Configuration base, String name) throws Exception {
        Configuration conf = Topics.withPrefix(base, broker.bootstrapServers(), broker.prefix(name));
        Topics.create(broker.bootstrapServers(), conf); // returns once every new partition has a leader
        return conf;
    }

    /** Sum of the end offsets of every partition of {@code topic}: how many records it holds. */
    private static long endOffsets(BenchBroker broker, String topic) {
        Properties p = broker.clientProperties();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(BenchBroker broker) {
        Properties p = broker.clientProperties();
        p.put("linger.ms", "0");
        p.put("acks", "all");
        // Right after a topic is created the broker may answer NOT_LEADER_OR_FOLLOWER to the first
        // batch while later in-flight batches of the same idempotent producer are already appended;
        // the retried first batch is then out of sequence for ever. One request in flight keeps
        // retries in order.
        p.put("max.in.flight.requests.per.connection", "1");
        // With one request in flight, what waits meanwhile goes in the next one, up to batch.size: at the
        // default 16 KB that is a few inline images, and the producer, not the job, would set the pace.
        p.put("batch.size", Integer.toString(1 << 19));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A producer that counts failed sends and refuses to close quietly when any failed. */
    private static final class Feed implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
        private int sent;

        Feed(BenchBroker broker) {
            this.producer = producer(broker);
        }

        void send(String topic, byte[] value) {
            sent++;
            producer.send(new ProducerRecord<>(topic, value), (metadata, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
            });
        }

        @Override
        public void close() {
            producer.flush();
            producer.close();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " of " + sent + " inputs were not produced", firstFailure.get());
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(BenchBroker broker, String topic) {
        Properties p = broker.clientProperties();
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
