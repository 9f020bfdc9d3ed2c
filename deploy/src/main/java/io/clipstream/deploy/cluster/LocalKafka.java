package io.clipstream.deploy.cluster;

import io.clipstream.jobs.runtime.EmbeddedKafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The project's in-process KRaft broker as a foreground process, for the local cluster's jobs to read
 * and write ({@code deploy/local-cluster.sh kafka}). Prints its bootstrap address, writes it to
 * {@code <dir>/kafka.bootstrap}, and runs until interrupted; its data is deleted when it stops.
 */
public final class LocalKafka {

    private LocalKafka() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "local-cluster");
        Files.createDirectories(dir);
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path address = dir.resolve("kafka.bootstrap");
        Files.writeString(address, kafka.bootstrapServers(), StandardCharsets.UTF_8);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
                Files.deleteIfExists(address);
            } catch (Exception e) {
                System.err.println("broker did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "local-kafka-stop"));
        System.out.println("in-process Kafka (KRaft) at " + kafka.bootstrapServers() + " - Ctrl-C stops it");
        stopped.await();
    }
}
