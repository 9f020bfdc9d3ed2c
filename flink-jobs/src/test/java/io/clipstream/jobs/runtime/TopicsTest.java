package io.clipstream.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** Topic creation logs in with the job's pass-through client settings (the broker itself is in {@link EmbeddedKafkaITCase}). */
class TopicsTest {

    @Test
    void theAdminClientTakesTheJobsKafkaPassThroughSettings() {
        Configuration conf = new Configuration();
        conf.setString("kafka.properties.security.protocol", "SASL_PLAINTEXT");
        conf.setString("kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
        // a SASL client without a login fails as it is built, before it reaches any broker: proof that
        // the settings reached it (a plain client would wait for the unreachable broker instead)
        assertThatThrownBy(() -> Topics.create("127.0.0.1:9", conf))
                .isInstanceOf(KafkaException.class)
                .rootCause().hasMessageContaining("JAAS");
    }
}
