package io.clipstream.jobs.runtime;

import java.io.OutputStream;
import java.net.InetAddress;
import java.io.PrintStream;
import java.util.Properties;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One Kafka broker in KRaft mode (combined broker and controller) inside this JVM, with its log
 * directories in a temporary folder deleted on close. Configured for a single node: internal
 * topics (offsets, transaction state) with replication factor 1, so transactions work. The client
 * listener binds to one address, loopback unless told otherwise; the controller listener always
 * binds to loopback.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     Topics.create(kafka.bootstrapServers(), conf);
 * }
 * }</pre>
 */
@PublicEvolving
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final String bindAddress;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bindAddress) {
        this.cluster = cluster;
        this.bindAddress = bindAddress;
    }

    /** Starts a broker on loopback with the default transaction limit (15 minutes). */
    public static EmbeddedKafka start() throws Exception {
        return start(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS.defaultValue());
    }

    /** Starts a broker on loopback and waits until it accepts clients. */
    public static EmbeddedKafka start(int transactionMaxTimeoutMs) throws Exception {
        return start(transactionMaxTimeoutMs, RuntimeOptions.BIND_ADDRESS.defaultValue());
    }

    /**
     * Starts a broker whose client listener binds to {@code bindAddress} ({@code 0.0.0.0}: every
     * interface) and waits until it accepts clients.
     */
    public static EmbeddedKafka start(int transactionMaxTimeoutMs, String bindAddress) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        String listeners = nodes.brokerListenerName().value() + "://" + hostLiteral(bindAddress) + ":0,"
                + nodes.controllerListenerName().value() + "://127.0.0.1:0";
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("listeners", listeners)
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
                .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024));
        if (LocalFlink.isWildcard(bindAddress)) {
            // clients are told this machine's name; the bound port replaces the 0
            builder.setConfigProp("advertised.listeners",
                    nodes.brokerListenerName().value() + "://" + LocalFlink.localHostName() + ":0");
        }
        PreboundSockets.bind(builder, nodes, InetAddress.getByName(hostLiteral(bindAddress)));
        KafkaClusterTestKit cluster = builder.build();
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
        return new EmbeddedKafka(cluster, bindAddress);
    }

    /** host:port of the broker's client listener: its bind address, or localhost when it listens everywhere. */
    public String bootstrapServers() {
        String local = cluster.bootstrapServers();
        if (LocalFlink.isWildcard(bindAddress)) {
            return local;
        }
        return hostLiteral(bindAddress) + local.substring(local.lastIndexOf(':'));
    }

    /** An address as the host part of a listener: IPv6 literals in brackets, the wildcard as 0.0.0.0. */
    private static String hostLiteral(String address) {
        if (address == null || address.isBlank()) {
            return "0.0.0.0";
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
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
