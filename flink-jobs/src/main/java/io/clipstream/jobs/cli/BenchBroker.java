package io.clipstream.jobs.cli;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.RuntimeOptions;
import io.clipstream.jobs.source.KafkaClientProperties;
import io.clipstream.jobs.source.SourceOptions;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;

/**
 * The broker of {@code bench pipeline}: the one {@code kafka.bootstrap-servers} names when it is set
 * (a broker in another process or on another machine, whose work then is not the benchmark's), else
 * one started in this process for the benchmark's length. Every run of one benchmark has its topics
 * and consumer groups under a prefix of that benchmark's own, so runs on a broker that outlives the
 * benchmark never read an earlier benchmark's records.
 */
final class BenchBroker implements AutoCloseable {
    /** The benchmark's own clients' properties: the job's {@code kafka.properties.*} and the bootstrap servers. */
    private final Properties client;
    private final EmbeddedKafka inProcess;
    private final String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private BenchBroker(Configuration conf, String bootstrapServers, EmbeddedKafka inProcess) {
        this.client = KafkaClientProperties.from(conf);
        this.client.put("bootstrap.servers", bootstrapServers);
        this.inProcess = inProcess;
    }

    /** The broker {@code conf} names, or a new one in this process when it names none. */
    static BenchBroker open(Configuration conf) throws Exception {
        if (conf.contains(SourceOptions.BOOTSTRAP_SERVERS)) {
            return new BenchBroker(conf, conf.get(SourceOptions.BOOTSTRAP_SERVERS), null);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(conf.get(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS),
                conf.get(RuntimeOptions.BIND_ADDRESS));
        return new BenchBroker(conf, kafka.bootstrapServers(), kafka);
    }

    String bootstrapServers() {
        return client.getProperty("bootstrap.servers");
    }

    /** Whether the broker runs in this process, sharing its cores with the job and the load generator. */
    boolean inProcess() {
        return inProcess != null;
    }

    /** The prefix of the topics and consumer groups of the run named {@code run}. */
    String prefix(String run) {
        return prefix + run + ".";
    }

    /** A copy of the benchmark's own clients' properties, for each client to add its own to. */
    Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(client);
        return p;
    }

    /** One line for the benchmark's header. */
    String describe() {
        return inProcess() ? "in this process at " + bootstrapServers() + " (its work shares the cores with the job)"
                : bootstrapServers() + " (kafka.bootstrap-servers; topics " + prefix + "*)";
    }

    @Override
    public void close() throws Exception {
        if (inProcess != null) {
            inProcess.close();
        }
    }
}
