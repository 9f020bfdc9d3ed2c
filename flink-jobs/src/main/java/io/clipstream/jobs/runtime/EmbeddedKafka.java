package io.clipstream.jobs.runtime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Properties;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One Kafka broker in KRaft mode (combined broker and controller) inside this JVM, with its log
 * directories in a temporary folder deleted on close. Configured for a single node: internal
 * topics (offsets, transaction state) with replication factor 1, so transactions work.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     Topics.create(kafka.bootstrapServers(), conf);
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker with the default transaction limit (15 minutes). */
    public static EmbeddedKafka start() throws Exception {
        return start(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS.defaultValue());
    }

    /** Starts a broker and waits until it accepts clients. */
    public static EmbeddedKafka start(int transactionMaxTimeoutMs) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication-factor", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "2")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "2")
                .setConfigProp("transaction.max.timeout.ms", String.valueOf(transactionMaxTimeoutMs))
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE))
                .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024))
                .build();
        PrintStream stdout = System.out;
        try {
            // formatting the log directories reports on stdout; keep command output clean
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            cluster.format();
        } finally {
            System.setOut(stdout);
        }
        try {
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    /** host:port of the broker's client listener. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Properties a client needs to reach the broker. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
