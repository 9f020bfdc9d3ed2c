package io.clipstream.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    /** A GPU as Flink's GPU driver describes one: property {@code index}. */
    private static ExternalResourceInfo gpu(String index) {
        Map<String, String> props = Map.of("index", index);
        return new ExternalResourceInfo() {
            @Override
            public Optional<String> getProperty(String key) {
                return Optional.ofNullable(props.get(key));
            }

            @Override
            public Collection<String> getKeys() {
                return props.keySet();
            }
        };
    }

    @Test
    void autoTakesTheGpuFlinkAssigned() {
        assertThat(DeviceSelector.select("auto", List.of(gpu("3")))).isEqualTo(Device.gpu(3));
    }

    @Test
    void autoFallsBackToTheCpuWithoutAssignedGpus() {
        assertThat(DeviceSelector.select("auto", List.of())).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select("auto", null)).isEqualTo(Device.cpu());
    }

    @Test
    void explicitDevicesWin() {
        assertThat(DeviceSelector.select("cpu", List.of(gpu("1")))).isEqualTo(Device.cpu());
        assertThat(DeviceSelector.select("gpu:2", List.of(gpu("1")))).isEqualTo(Device.gpu(2));
        assertThat(DeviceSelector.select("gpu", List.of(gpu("1")))).isEqualTo(Device.gpu(1));
    }

    @Test
    void unknownDevicesAreRefused() {
        assertThatThrownBy(() -> DeviceSelector.validate("tpu")).hasMessageContaining("tpu");
        assertThatThrownBy(() -> DeviceSelector.validate("gpu:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncoderOptions.builder().setModelDir("m").optMaxBatchSize(0).build())
                .hasMessageContaining("encoder.max-batch-size");
    }
}
