package io.clipstream.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void readsTheKernelsAddressForms() {
        assertThat(ListeningSockets.listener("0100007F:1F90")).hasToString("127.0.0.1:8080")
                .satisfies(l -> assertThat(l.loopback()).isTrue());
        assertThat(ListeningSockets.listener("00000000:0050").loopback()).as("0.0.0.0").isFalse();
        assertThat(ListeningSockets.listener("0000000000000000FFFF00000100007F:8419"))
                .as("IPv4-mapped loopback in tcp6").hasToString("127.0.0.1:33817")
                .satisfies(l -> assertThat(l.loopback()).isTrue());
        assertThat(ListeningSockets.listener("00000000000000000000000001000000:1F90").loopback()).as("::1").isTrue();
        assertThat(ListeningSockets.listener("00000000000000000000000000000000:1F90").loopback()).as("::").isFalse();
    }

    @Test
    void findsTheSocketsThisProcessListensOn() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket everywhere = new ServerSocket()) {
            everywhere.bind(new InetSocketAddress(0));
            assertThat(ListeningSockets.ofThisProcess())
                    .anySatisfy(l -> assertThat(l.port() == loopback.getLocalPort() && l.loopback()).isTrue())
                    .anySatisfy(l -> assertThat(l.port() == everywhere.getLocalPort() && !l.loopback()).isTrue());
        }
    }
}
