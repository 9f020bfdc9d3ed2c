package io.clipstream.deploy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a free TCP port on the loopback interface for a process started later. The port is chosen
 * below the kernel's ephemeral range where there is one, because between this pick and the process
 * binding it another socket bound to port 0 (a blob server, a client connection) may otherwise be
 * given the very same port.
 */
final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {}

    static int pick() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart > LOWEST + 1000) {
            for (int i = 0; i < ATTEMPTS; i++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range, or 0 where the kernel does not say. */
    private static int ephemeralRangeStart() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
