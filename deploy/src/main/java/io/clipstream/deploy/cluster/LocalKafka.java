package io.clipstream.deploy.cluster;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.RuntimeOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The project's in-process KRaft broker as a foreground process, for the local cluster's jobs to read
 * and write ({@code deploy/local-cluster.sh kafka [--bind-address ADDR]}): on loopback unless told
 * another address. Prints its bootstrap address, writes it to {@code <dir>/kafka.bootstrap}, and runs
 * until interrupted; its data is deleted when it stops.
 */
public final class LocalKafka {

    private LocalKafka() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "local-cluster");
        String bind = LocalClusterOptions.BIND_ADDRESS.defaultValue();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--bind-address") && i + 1 < args.length) {
                bind = args[++i];
            } else {
                throw new IllegalArgumentException("kafka takes [--bind-address ADDR], not " + args[i]);
            }
        }
        Files.createDirectories(dir);
        EmbeddedKafka kafka = EmbeddedKafka.start(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS.defaultValue(), bind);
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
