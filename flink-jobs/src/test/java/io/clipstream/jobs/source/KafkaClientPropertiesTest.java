package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    @Test
    void passesThroughPrefixedKeysWithoutThePrefix() {
        Configuration conf = new Configuration();
        conf.setString("kafka.properties.security.protocol", "SASL_SSL");
        conf.setString("kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
        conf.setString("kafka.bootstrap-servers", "broker:9093");
        conf.setString("kafka.properties.", "ignored: no client key");

        Properties props = KafkaClientProperties.from(conf);

        assertThat(props).containsOnlyKeys("security.protocol", "sasl.mechanism");
        assertThat(props.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(props.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void emptyWithoutPassThroughKeys() {
        assertThat(KafkaClientProperties.from(new Configuration())).isEmpty();
    }
}
