package io.clipstream.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the local cluster writes: every endpoint on loopback unless told another address. */
class LocalClusterConfigTest {
    @TempDir
    Path dir;

    private Configuration written(Configuration overrides) throws Exception {
        LocalCluster.create(dir, List.of(dir), overrides);
        return GlobalConfiguration.loadConfiguration(dir.resolve("conf").toString());
    }

    @Test
    void everyEndpointListensOnLoopbackByDefault() throws Exception {
        Configuration conf = written(new Configuration());
        for (String key : List.of("jobmanager.bind-host", "taskmanager.bind-host", "rest.bind-address",
                "jobmanager.rpc.address", "taskmanager.host", "rest.address")) {
            assertThat(conf.getString(key, null)).as(key).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void theBindAddressMovesEveryEndpointAndFlinksOwnKeysStillWin() throws Exception {
        Configuration overrides = new Configuration();
        overrides.set(LocalClusterOptions.BIND_ADDRESS, "0.0.0.0");
        overrides.setString("rest.bind-address", "10.1.2.3");
        Configuration conf = written(overrides);
        assertThat(conf.getString("jobmanager.bind-host", null)).isEqualTo("0.0.0.0");
        assertThat(conf.getString("taskmanager.bind-host", null)).isEqualTo("0.0.0.0");
        assertThat(conf.getString("rest.bind-address", null)).isEqualTo("10.1.2.3");
        assertThat(conf.getString("jobmanager.rpc.address", null)).as("the processes still meet on loopback")
                .isEqualTo("127.0.0.1");
    }
}
