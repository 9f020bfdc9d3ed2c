package io.clipstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    @Test
    void oneSpellingWithDjlsAsAnAlias() {
        assertThat(DeviceSpec.canonical("gpu:2")).isEqualTo("gpu:2");
        assertThat(DeviceSpec.canonical("gpu(2)")).isEqualTo("gpu:2");
        assertThat(DeviceSpec.canonical(" CPU ")).isEqualTo("cpu");
        assertThat(DeviceSpec.explicit("gpu(1)")).isEqualTo(Device.gpu(1));
        assertThat(DeviceSpec.explicit("gpu")).isEqualTo(Device.gpu(0));
        assertThat(DeviceSpec.explicit("cpu")).isEqualTo(Device.cpu());
        assertThat(DeviceSpec.explicit("auto")).isNull();
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedSpellings() {
        assertThatThrownBy(() -> DeviceSpec.canonical("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu:<index>").hasMessageContaining("tpu");
        assertThatThrownBy(() -> DeviceSpec.canonical("gpu:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceSpec.canonical("gpu(-1)")).isInstanceOf(IllegalArgumentException.class);
    }
}
