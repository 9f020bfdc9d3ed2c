package io.clipstream.preprocess.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real HTTP server on a free loopback port; loopback is refused by default, so these
 * fetchers allow-list 127.0.0.1 explicitly.
 */
class ImageFetcherTest {

    private static final byte[] IMAGE = new Random(7).ints(5000, 0, 256)
            .collect(java.io.ByteArrayOutputStream::new, (o, v) -> o.write(v), (a, b) -> a.writeBytes(b.toByteArray()))
            .toByteArray();

    private HttpServer server;
    private ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong streamedBytes = new AtomicLong();
    static final List<String> LOOPBACK = List.of("127.0.0.1/32");

    private final ImageFetcher fetcher = ImageFetcher.standard(FetchOptions.builder()
            .optConnectTimeout(Duration.ofSeconds(2))
            .optReadTimeout(Duration.ofMillis(500))
            .optMaxBytes(64 * 1024)
            .optAllowHosts(LOOPBACK)
            .optAllowFiles(true)
            .build());

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/ok.png", ex -> respond(ex, 200, IMAGE));
        server.createContext("/missing.png", ex -> respond(ex, 404, "no such image".getBytes()));
        server.createContext("/secret.png", ex -> respond(ex, 403, new byte[0]));
        server.createContext("/broken.png", ex -> respond(ex, 500, "oops".getBytes()));
        server.createContext("/moved.png", ex -> {
            ex.getResponseHeaders().add("Location", "/ok.png");
            respond(ex, 302, new byte[0]);
        });
        server.createContext("/slow-headers.png", ex -> {
            await();
            respond(ex, 200, IMAGE);
        });
        server.createContext("/slow-body.png", ex -> {
            ex.sendResponseHeaders(200, IMAGE.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(IMAGE, 0, 100);
                out.flush();
                await();
                out.write(IMAGE, 100, IMAGE.length - 100);
            } catch (IOException ignored) {
                // the client gave up, as it should
            }
        });
        server.createContext("/declared-huge.png", ex -> {
            ex.sendResponseHeaders(200, 10L << 20);
            try (OutputStream out = ex.getResponseBody()) {
                streamBytes(out, 10L << 20);
            } catch (IOException ignored) {
                // the client hung up
            }
        });
        server.createContext("/endless.png", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked, no length announced
            try (OutputStream out = ex.getResponseBody()) {
                streamBytes(out, 1L << 30);
            } catch (IOException ignored) {
                // the client hung up
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        fetcher.close();
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private void await() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void streamBytes(OutputStream out, long total) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        for (long sent = 0; sent < total; sent += chunk.length) {
            out.write(chunk);
            streamedBytes.addAndGet(chunk.length);
        }
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void assertRejected(Runnable call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ImageRejectedException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    @Test
    void fetchesTheBodyOfA200() {
        assertThat(fetcher.fetch(url("/ok.png"))).isEqualTo(IMAGE);
    }

    @Test
    void followsRedirectsUnlessTurnedOff() {
        assertThat(fetcher.fetch(url("/moved.png"))).isEqualTo(IMAGE);

        try (ImageFetcher noRedirects = ImageFetcher.standard(FetchOptions.builder().optMaxRedirects(0)
                .optAllowHosts(LOOPBACK).build())) {
            assertRejected(() -> noRedirects.fetch(url("/moved.png")), Reason.FETCH_FAILED);
        }
    }

    @Test
    void statusErrorsMapToReasons() {
        assertRejected(() -> fetcher.fetch(url("/missing.png")), Reason.NOT_FOUND);
        assertRejected(() -> fetcher.fetch(url("/secret.png")), Reason.FORBIDDEN);
        assertRejected(() -> fetcher.fetch(url("/broken.png")), Reason.FETCH_FAILED);
    }

    @Test
    void slowServersTimeOutBeforeAndDuringTheBody() {
        long start = System.nanoTime();
        assertRejected(() -> fetcher.fetch(url("/slow-headers.png")), Reason.FETCH_TIMEOUT);
        assertRejected(() -> fetcher.fetch(url("/slow-body.png")), Reason.FETCH_TIMEOUT);
        // two read timeouts of 0.5 s; without them the handlers would hold each call for 10 s
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void oversizedBodiesAreRefusedWhileStreaming() {
        assertRejected(() -> fetcher.fetch(url("/declared-huge.png")), Reason.TOO_LARGE_BYTES);
        streamedBytes.set(0);

        assertRejected(() -> fetcher.fetch(url("/endless.png")), Reason.TOO_LARGE_BYTES);

        // the client hung up just past the 64 KiB limit; the server got a few socket buffers
        // (about 1-2 MiB on loopback) out of the 1 GiB it offers before its writes failed
        assertThat(streamedBytes.get()).isLessThan(16L << 20);
    }

    @Test
    void refusedConnectionIsAFetchFailure() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        assertRejected(() -> fetcher.fetch("http://127.0.0.1:" + closedPort + "/x.png"), Reason.FETCH_FAILED);
    }

    @Test
    void readsFileUrisAndAbsolutePaths(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a b.png"), IMAGE);

        assertThat(fetcher.fetch(file.toUri())).isEqualTo(IMAGE);
        assertThat(fetcher.fetch(file.toAbsolutePath().toString())).isEqualTo(IMAGE);
        assertRejected(() -> fetcher.fetch(dir.resolve("nope.png").toString()), Reason.NOT_FOUND);
        assertRejected(() -> fetcher.fetch(dir.toUri()), Reason.NOT_FOUND);
        Path big = Files.write(dir.resolve("big.png"), new byte[64 * 1024 + 1]);
        assertRejected(() -> fetcher.fetch(big.toUri()), Reason.TOO_LARGE_BYTES);
        try (ImageFetcher noFiles = ImageFetcher.standard(FetchOptions.builder().optAllowFiles(false).build())) {
            assertRejected(() -> noFiles.fetch(file.toUri()), Reason.REFUSED);
        }
    }

    @Test
    void unsupportedSchemesAndRelativeReferencesAreRefusedClearly() {
        assertThatThrownBy(() -> fetcher.fetch("ftp://example.org/cat.png"))
                .isInstanceOfSatisfying(ImageRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_URI);
                    assertThat(e.getMessage()).contains("ftp", "http, https, file");
                });
        assertRejected(() -> fetcher.fetch("images/cat.png"), Reason.UNSUPPORTED_URI);
        assertRejected(() -> fetcher.fetch("http://exa mple.org/"), Reason.UNSUPPORTED_URI);
        assertRejected(() -> fetcher.fetch(" "), Reason.UNSUPPORTED_URI);
        assertRejected(() -> fetcher.fetch((URI) null), Reason.UNSUPPORTED_URI);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> FetchOptions.builder().optReadTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FetchOptions.READ_TIMEOUT_KEY);
        assertThatThrownBy(() -> FetchOptions.builder().optMaxBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FetchOptions.MAX_BYTES_KEY);
        assertThat(FetchOptions.DESCRIPTIONS).containsKeys(FetchOptions.CONNECT_TIMEOUT_KEY, FetchOptions.MAX_BYTES_KEY);
    }
}
