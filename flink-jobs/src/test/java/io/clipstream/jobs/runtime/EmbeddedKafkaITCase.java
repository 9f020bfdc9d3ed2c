package io.clipstream.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The in-process broker listens where it is told: loopback by default, every interface on request. */
class EmbeddedKafkaITCase {

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        List<ListeningSockets.Listener> before = ListeningSockets.ofThisProcess();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            List<ListeningSockets.Listener> opened = new ArrayList<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            assertThat(opened).as("client and controller listeners").hasSize(2)
                    .allSatisfy(l -> assertThat(l.loopback()).as("%s is loopback", l).isTrue());
            usable(kafka);
        }
    }

    @Test
    void theBindAddressOpensTheClientListenerOnEveryInterface() throws Exception {
        List<ListeningSockets.Listener> before = ListeningSockets.ofThisProcess();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(RuntimeOptions.BROKER_TRANSACTION_MAX_TIMEOUT_MS.defaultValue(),
                "0.0.0.0")) {
            List<ListeningSockets.Listener> opened = new ArrayList<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
            assertThat(opened).hasSize(2)
                    .anySatisfy(l -> assertThat(l.port() == port && l.address().isAnyLocalAddress()).as("%s", l).isTrue())
                    .anySatisfy(l -> assertThat(l.port() != port && l.loopback()).as("controller %s", l).isTrue());
            usable(kafka);
        }
    }

    private static void usable(EmbeddedKafka kafka) throws Exception {
        Configuration conf = Topics.withPrefix(new Configuration(), kafka.bootstrapServers(), "bind.");
        Topics.create(kafka.bootstrapServers(), conf);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            assertThat(admin.listTopics().names().get()).contains("bind.images");
        }
    }
}
