package io.clipstream.jobs.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read the way {@code ss -ltnp} does: the socket inodes of
 * its open files ({@code /proc/PID/fd}) looked up in {@code /proc/PID/net/tcp} and {@code tcp6}
 * (state {@code 0A}, LISTEN). Linux only.
 */
public final class ListeningSockets {

    /** One listening socket: its local address and port. */
    public record Listener(InetAddress address, int port) {
        /** Loopback only: 127.0.0.0/8, ::1, or IPv4-mapped 127.x (Java folds ::ffff:a.b.c.d into IPv4). */
        public boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {}

    /** The listening sockets of this JVM. */
    public static List<Listener> ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }

    /** The listening sockets of process {@code pid}. */
    public static List<Listener> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while the folder was read
                }
            }
            List<Listener> out = new ArrayList<>();
            for (String table : List.of("tcp", "tcp6")) {
                List<String> lines = Files.readAllLines(proc.resolve("net").resolve(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f[3].equals("0A") && inodes.contains(f[9])) {
                        out.add(listener(f[1]));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 0100007F:1F90} or a 32-digit IPv6 form: the address as 32-bit words in host (little-endian) order. */
    static Listener listener(String local) {
        String[] parts = local.split(":");
        String hex = parts[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return new Listener(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(local, e);
        }
    }
}
