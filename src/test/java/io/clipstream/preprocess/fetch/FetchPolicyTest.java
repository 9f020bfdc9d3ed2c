package io.clipstream.preprocess.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the fetch policy, against real files and a real HTTP server on loopback. The
 * server only answers fetchers that allow-list 127.0.0.1; under the defaults it must never be
 * reached, which each test checks through the server's request counter.
 */
class FetchPolicyTest {

    private static final byte[] SECRET = "root:x:0:0:root:/root:/bin/bash\nTOPSECRET\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IMAGE = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> userAgents = new ConcurrentHashMap<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<ImageFetcher> opened = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            userAgents.put(ex.getRequestURI().getPath(), String.valueOf(ex.getRequestHeaders().getFirst("User-Agent")));
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/hop/")) {
                int n = Integer.parseInt(path.substring(5));
                redirect(ex, n == 0 ? "/image.png" : "/hop/" + (n - 1));
            } else if (path.equals("/to-private")) {
                redirect(ex, "http://10.1.2.3/image.png");
            } else if (path.equals("/to-metadata")) {
                redirect(ex, "http://169.254.169.254/latest/meta-data/");
            } else if (path.equals("/to-other-loopback")) {
                redirect(ex, "http://127.0.0.2:" + server.getAddress().getPort() + "/image.png");
            } else if (path.equals("/to-file")) {
                redirect(ex, "file:///etc/passwd");
            } else if (path.equals("/secret.txt")) {
                respond(ex, 200, SECRET);
            } else if (path.equals("/error-with-secret")) {
                respond(ex, 500, SECRET);
            } else if (path.equals("/big.png")) {
                respond(ex, 200, new byte[5000]);
            } else if (path.startsWith("/held/")) {
                int now = concurrent.incrementAndGet();
                maxConcurrent.accumulateAndGet(now, Math::max);
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                concurrent.decrementAndGet();
                respond(ex, 200, IMAGE);
            } else {
                respond(ex, 200, IMAGE);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        opened.forEach(ImageFetcher::close);
        server.stop(0);
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        respond(ex, 302, new byte[0]);
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private ImageFetcher open(FetchOptions.Builder options) {
        return open(options, CheckingDnsResolver.Lookup.system());
    }

    private ImageFetcher open(FetchOptions.Builder options, CheckingDnsResolver.Lookup lookup) {
        ImageFetcher f = new StandardImageFetcher(options.optConnectTimeout(Duration.ofSeconds(2))
                .optReadTimeout(Duration.ofSeconds(5)).build(), lookup);
        opened.add(f);
        return f;
    }

    private ImageFetcher loopbackAllowed() {
        return open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1")));
    }

    private static ImageRejectedException rejected(Runnable call, Reason reason) {
        ImageRejectedException[] caught = new ImageRejectedException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ImageRejectedException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            caught[0] = e;
        });
        assertNoSecret(caught[0]);
        return caught[0];
    }

    /** Neither the message nor any cause quotes the secret file's bytes, as text or as hex. */
    private static void assertNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()) + t;
            assertThat(m).doesNotContain("root:x", "TOPSECRET", "726f6f74", "ROOT:X");
        }
    }

    // ---- files ----------------------------------------------------------------------------

    @Test
    void filesAreRefusedUnderTheDefaultsAsUrisAndAsAbsolutePaths(@TempDir Path dir) throws IOException {
        Path secret = Files.write(dir.resolve("passwd"), SECRET);
        ImageFetcher defaults = open(FetchOptions.builder());

        ImageRejectedException e = rejected(() -> defaults.fetch(secret.toUri()), Reason.REFUSED);
        assertThat(e.getMessage()).contains(FetchOptions.ALLOW_FILES_KEY, FetchOptions.FILE_ROOTS_KEY);
        rejected(() -> defaults.fetch(secret.toString()), Reason.REFUSED);
        rejected(() -> defaults.fetch("file:///etc/passwd"), Reason.REFUSED);
        rejected(() -> defaults.fetch("/proc/self/environ"), Reason.REFUSED);
    }

    @Test
    void anAbsolutePathIsAFileReferenceWhenFilesAreAllowed(@TempDir Path dir) throws IOException {
        Path image = Files.write(dir.resolve("x.png"), IMAGE);
        assertThat(open(FetchOptions.builder().optAllowFiles(true)).fetch(image.toString())).isEqualTo(IMAGE);
    }

    @Test
    void fileRootsConfineFilesAndDotDotOrSymlinksCannotLeaveThem(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("images"));
        Path inside = Files.write(root.resolve("ok.png"), IMAGE);
        Path outside = Files.write(dir.resolve("secret.txt"), SECRET);
        Path link = Files.createSymbolicLink(root.resolve("link.png"), outside);
        Path dangling = Files.createSymbolicLink(root.resolve("dangling.png"), dir.resolve("nothing-here"));
        // roots apply even with allow-files off: they are the narrower, preferred setting
        ImageFetcher rooted = open(FetchOptions.builder().optFileRoots(List.of(root.toString())));

        assertThat(rooted.fetch(inside.toUri())).isEqualTo(IMAGE);
        assertThat(rooted.fetch(inside.toString())).isEqualTo(IMAGE);
        rejected(() -> rooted.fetch(outside.toString()), Reason.REFUSED);
        rejected(() -> rooted.fetch(root + "/../secret.txt"), Reason.REFUSED);
        rejected(() -> rooted.fetch(URI.create(root.toUri() + "..%2Fsecret.txt")), Reason.REFUSED);
        // the symlink out of the root gets the answer a missing file gets: nothing to tell them apart
        String viaLink = rejected(() -> rooted.fetch(link.toString()), Reason.NOT_FOUND).getMessage();
        String missing = rejected(() -> rooted.fetch(root.resolve("missing.png").toString()), Reason.NOT_FOUND).getMessage();
        assertThat(viaLink.replace(link.toString(), "PATH")).isEqualTo(missing.replace(root.resolve("missing.png").toString(), "PATH"));
        rejected(() -> rooted.fetch(dangling.toString()), Reason.NOT_FOUND);
    }

    @Test
    void missingAndNotARegularFileGiveTheSameAnswer(@TempDir Path dir) throws IOException {
        Path directory = Files.createDirectories(dir.resolve("a-dir"));
        Path missing = dir.resolve("a-missing");
        ImageFetcher files = open(FetchOptions.builder().optAllowFiles(true));

        ImageRejectedException ofDirectory = rejected(() -> files.fetch(directory.toString()), Reason.NOT_FOUND);
        ImageRejectedException ofMissing = rejected(() -> files.fetch(missing.toString()), Reason.NOT_FOUND);
        ImageRejectedException ofDevice = rejected(() -> files.fetch("/dev/null"), Reason.NOT_FOUND);
        assertThat(ofDirectory.getMessage().replace(directory.toString(), "PATH"))
                .isEqualTo(ofMissing.getMessage().replace(missing.toString(), "PATH"))
                .isEqualTo(ofDevice.getMessage().replace("/dev/null", "PATH"));
        assertThat(ofDirectory.getCause()).isNull();
        assertThat(ofMissing.getCause()).isNull();
    }

    @Test
    void bytesOfANonImageFileNeverReachAMessage(@TempDir Path dir) throws IOException {
        Path secret = Files.write(dir.resolve("passwd"), SECRET);
        byte[] bytes = open(FetchOptions.builder().optAllowFiles(true)).fetch(secret.toString());
        // allowed, so read; the decoder then refuses it without quoting it
        ImageRejectedException e = rejected(() -> ImageDecoder.create().decode(bytes), Reason.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).doesNotContain("first bytes");
    }

    // ---- addresses ------------------------------------------------------------------------

    @Test
    void loopbackPrivateAndLinkLocalHttpAreRefusedUnderTheDefaults() {
        ImageFetcher defaults = open(FetchOptions.builder());
        for (String host : List.of("127.0.0.1:" + port(), "127.1.2.3", "[::1]:" + port(), "0.0.0.0:" + port(),
                "10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "[fd00::1]", "169.254.169.254",
                "[fe80::1]", "224.0.0.1", "[::ffff:127.0.0.1]:" + port(), "[64:ff9b::7f00:1]")) {
            ImageRejectedException e = rejected(() -> defaults.fetch("http://" + host + "/latest/meta-data/"), Reason.REFUSED);
            assertThat(e.getMessage()).contains("is not allowed");
        }
        rejected(() -> defaults.fetch("https://127.0.0.1:" + port() + "/image.png"), Reason.REFUSED);
        assertThat(requests).as("the server was never reached").hasValue(0);
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefused() {
        rejected(() -> open(FetchOptions.builder()).fetch("http://localhost:" + port() + "/image.png"), Reason.REFUSED);
        // a name of the test's own resolver, as a DNS server under someone's control would answer
        CheckingDnsResolver.Lookup evilDns = host -> host.equals("images.example.com")
                ? new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")}
                : InetAddress.getAllByName(host);
        ImageRejectedException e = rejected(() -> open(FetchOptions.builder(), evilDns)
                .fetch("http://images.example.com:" + port() + "/image.png"), Reason.REFUSED);
        assertThat(e.getMessage()).contains("images.example.com", "loopback address 127.0.0.1");
        assertThat(requests).hasValue(0);
    }

    @Test
    void theCheckedAddressIsTheOneConnectedTo() throws IOException {
        // a rebinding DNS: a harmless answer first, loopback after; every lookup is counted
        AtomicInteger lookups = new AtomicInteger();
        CheckingDnsResolver.Lookup rebinding = host -> new InetAddress[] {InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2")};
        ImageFetcher f = open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1/32")), rebinding);

        assertThat(f.fetch("http://rebind.test:" + port() + "/image.png")).isEqualTo(IMAGE);
        assertThat(lookups).as("one lookup: the address checked is the address connected to").hasValue(1);

        // the other way round: the first answer is refused and nothing is connected at all
        AtomicInteger lookups2 = new AtomicInteger();
        CheckingDnsResolver.Lookup rebinding2 = host -> new InetAddress[] {InetAddress.getByName(
                lookups2.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")};
        int before = requests.get();
        rejected(() -> open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1/32")), rebinding2)
                .fetch("http://rebind.test:" + port() + "/image.png"), Reason.REFUSED);
        assertThat(lookups2).hasValue(1);
        assertThat(requests).hasValue(before);
    }

    @Test
    void allowListsOpenExactlyWhatTheyName() {
        assertThat(open(FetchOptions.builder().optAllowHosts(List.of("localhost"))).fetch(
                "http://localhost:" + port() + "/image.png")).isEqualTo(IMAGE);
        assertThat(open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.0/8"))).fetch(url("/image.png")))
                .isEqualTo(IMAGE);
        // private networks are not loopback: that still needs its own entry
        rejected(() -> open(FetchOptions.builder().optAllowPrivateNetworks(true)).fetch(url("/image.png")), Reason.REFUSED);
        rejected(() -> open(FetchOptions.builder().optAllowHosts(List.of("localhost"))).fetch(url("/image.png")), Reason.REFUSED);
    }

    @Test
    void aRedirectToAPrivateOrMetadataAddressIsRefused() {
        ImageFetcher f = loopbackAllowed();
        assertThat(f.fetch(url("/hop/1"))).isEqualTo(IMAGE);
        for (String path : List.of("/to-private", "/to-metadata", "/to-other-loopback")) {
            ImageRejectedException e = rejected(() -> f.fetch(url(path)), Reason.REFUSED);
            assertThat(e.getMessage()).contains("is not allowed");
        }
        rejected(() -> f.fetch(url("/to-file")), Reason.REFUSED);
    }

    // ---- limits ---------------------------------------------------------------------------

    @Test
    void theRedirectLimitIsApplied() {
        ImageFetcher three = open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1")).optMaxRedirects(3));
        assertThat(three.fetch(url("/hop/2"))).isEqualTo(IMAGE); // hops 2, 1, 0: three redirects
        int before = requests.get();
        ImageRejectedException e = rejected(() -> three.fetch(url("/hop/3")), Reason.FETCH_FAILED);
        assertThat(e.getMessage()).contains("more than 3 redirects", FetchOptions.FOLLOW_REDIRECTS_KEY);
        assertThat(requests.get() - before).isEqualTo(4);
    }

    @Test
    void theByteLimitIsApplied() {
        ImageFetcher small = open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1")).optMaxBytes(4999));
        rejected(() -> small.fetch(url("/big.png")), Reason.TOO_LARGE_BYTES);
        ImageFetcher exact = open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1")).optMaxBytes(5000));
        assertThat(exact.fetch(url("/big.png"))).hasSize(5000);
    }

    @Test
    void theUserAgentIsSentOnEveryHop() {
        ImageFetcher f = open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1")).optUserAgent("catalog-bot/7"));
        f.fetch(url("/hop/1"));
        assertThat(userAgents).containsEntry("/hop/1", "catalog-bot/7").containsEntry("/hop/0", "catalog-bot/7")
                .containsEntry("/image.png", "catalog-bot/7");
        loopbackAllowed().fetch(url("/default-agent.png"));
        assertThat(userAgents).containsEntry("/default-agent.png", FetchOptions.DEFAULT_USER_AGENT);
    }

    @Test
    void oneHostGetsNoMoreConnectionsThanTheLimit() throws Exception {
        ImageFetcher f = open(FetchOptions.builder().optAllowHosts(List.of("127.0.0.1")).optMaxPerHost(2)
                .optTimeout(Duration.ofSeconds(30)));
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = "/held/" + i;
                results.add(callers.submit(() -> f.fetch(url(path))));
            }
            // wait until the server holds as many requests as the limit lets through
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (concurrent.get() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // room for a third connection, were it allowed
            assertThat(concurrent).hasValue(2);
            release.countDown();
            for (Future<byte[]> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS)).isEqualTo(IMAGE);
            }
            assertThat(maxConcurrent).hasValue(2);
        } finally {
            callers.shutdownNow();
        }
    }

    // ---- what the server sent stays out of messages ---------------------------------------

    @Test
    void nothingAServerSendsAppearsInAMessage() throws Exception {
        ImageFetcher f = loopbackAllowed();
        rejected(() -> f.fetch(url("/error-with-secret")), Reason.FETCH_FAILED);
        // a service that is no web server answers with its own bytes: the parser's complaint quotes them
        try (ServerSocket raw = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = raw.accept()) {
                    s.getOutputStream().write(SECRET);
                    s.getOutputStream().flush();
                    s.getInputStream().read(new byte[1024]);
                } catch (IOException ignored) {
                    // the client hung up
                }
            });
            t.start();
            ImageRejectedException e = rejected(() -> f.fetch("http://127.0.0.1:" + raw.getLocalPort() + "/"),
                    Reason.FETCH_FAILED);
            assertThat(e.getMessage()).contains("127.0.0.1");
            t.join(10_000);
        }
        byte[] text = f.fetch(url("/secret.txt"));
        rejected(() -> ImageDecoder.create().decode(text), Reason.UNSUPPORTED_FORMAT);
    }
}
