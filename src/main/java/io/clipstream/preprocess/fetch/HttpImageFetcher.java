package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches {@code http(s):} URIs with Apache HttpClient. Every connection gets its address from
 * the {@link CheckingDnsResolver}, which checks it and pins it (no second lookup). Redirects are
 * followed here, hop by hop, so their number is bounded, a downgrade from https to http is refused
 * and each hop's host goes through the same check. Each request runs under the read timeout and
 * the whole fetch under {@code fetch.timeout}: a timer cancels the request (closing its socket)
 * when either passes, so a server that trickles bytes cannot hold a thread. Bodies are read up to
 * the byte limit and no further; error and redirect bodies are never read at all, and messages
 * carry no byte the server sent, only status codes and host names.
 */
final class HttpImageFetcher implements AutoCloseable {

    private final FetchOptions options;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService timer;

    HttpImageFetcher(FetchOptions options, CheckingDnsResolver.Lookup lookup) {
        this.options = options;
        CheckingDnsResolver resolver = new CheckingDnsResolver(
                AddressPolicy.of(options.allowHosts(), options.allowPrivateNetworks()), lookup);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setMaxConnPerRoute(options.maxPerHost())
                        .setMaxConnTotal(Math.max(options.capacity(), options.maxPerHost()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(options.connectTimeout()))
                                .setSocketTimeout(Timeout.of(options.readTimeout()))
                                .build())
                        .build())
                .disableRedirectHandling() // followed below, hop by hop
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression() // the byte limit counts the bytes on the wire
                .setUserAgent(options.userAgent())
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "image-fetch-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    byte[] fetch(URI uri) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        URI current = checkedHttpUri(uri, uri);
        for (int hop = 0; ; hop++) {
            Hop result = request(uri, current, deadline);
            if (result.body != null) {
                return result.body;
            }
            if (hop >= options.maxRedirects()) {
                throw new ImageRejectedException(Reason.FETCH_FAILED, "HTTP " + result.status + " redirect from "
                        + current.getHost() + " not followed: " + uri + " needs more than " + options.maxRedirects()
                        + " redirects (" + FetchOptions.FOLLOW_REDIRECTS_KEY + ")");
            }
            URI next = redirectTarget(uri, current, result.location);
            if ("https".equals(current.getScheme()) && "http".equals(next.getScheme())) {
                throw new ImageRejectedException(Reason.REFUSED,
                        "redirect from https to http refused (to host " + shortHost(next) + "): " + uri);
            }
            current = next;
        }
    }

    /** One response: the body of a 2xx, or the status and target of a redirect. */
    private record Hop(byte[] body, int status, String location) {}

    private Hop request(URI original, URI target, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(original);
        }
        HttpGet get = new HttpGet(target);
        get.setHeader("Accept", "image/*, */*;q=0.5");
        get.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining))))
                .setResponseTimeout(Timeout.of(options.readTimeout()))
                .build());
        long hopNanos = Math.min(remaining, options.readTimeout().toNanos());
        ScheduledFuture<?> canceller = timer.schedule(get::cancel, hopNanos, TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, get, null);
            int status = response.getCode();
            if (status >= 200 && status < 300) {
                return new Hop(readBody(target, response.getEntity()), status, null);
            }
            get.cancel(); // never read an error or redirect body: drop the connection instead
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Header location = response.getFirstHeader("Location");
                if (location == null || location.getValue() == null || location.getValue().isBlank()) {
                    throw new ImageRejectedException(Reason.FETCH_FAILED, "HTTP " + status + " from " + target.getHost()
                            + " without a Location: " + original);
                }
                return new Hop(null, status, location.getValue());
            }
            throw statusFailure(original, target, status);
        } catch (ImageRejectedException e) {
            get.cancel(); // before the response is closed, which would otherwise drain the body
            throw e;
        } catch (IOException | RuntimeException e) {
            boolean timedOut = get.isCancelled(); // only the timer cancels before this point
            get.cancel();
            if (timedOut || e instanceof InterruptedIOException) {
                throw timeout(original);
            }
            throw mapFailure(original, target, e);
        } finally {
            canceller.cancel(false);
            closeQuietly(response);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
    }

    private byte[] readBody(URI target, HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long declared = entity.getContentLength();
        if (declared > options.maxBytes()) {
            throw new ImageRejectedException(Reason.TOO_LARGE_BYTES, target.getHost() + " declares " + declared
                    + " bytes, more than the limit of " + options.maxBytes() + " (" + FetchOptions.MAX_BYTES_KEY + ")");
        }
        // not closed here on purpose: closing drains the rest of the body; the caller cancels the
        // request first (closing the socket) whenever the body is not read to its end
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes((int) options.maxBytes() + 1);
        if (bytes.length > options.maxBytes()) {
            throw new ImageRejectedException(Reason.TOO_LARGE_BYTES, "body from " + target.getHost()
                    + " passed the limit of " + options.maxBytes() + " bytes while streaming ("
                    + FetchOptions.MAX_BYTES_KEY + "); fetch cancelled");
        }
        in.close(); // at its end: the connection goes back to the pool
        return bytes;
    }

    private ImageRejectedException timeout(URI original) {
        return new ImageRejectedException(Reason.FETCH_TIMEOUT, "no complete response for " + original + " within "
                + FetchOptions.READ_TIMEOUT_KEY + " " + options.readTimeout().toMillis() + " ms per request and "
                + FetchOptions.TIMEOUT_KEY + " " + options.timeout().toMillis() + " ms in all");
    }

    private static ImageRejectedException statusFailure(URI original, URI target, int status) {
        String what = "HTTP " + status + " from " + target.getHost() + " for " + original;
        switch (status) {
            case 404:
            case 410:
                return new ImageRejectedException(Reason.NOT_FOUND, what);
            case 401:
            case 403:
                return new ImageRejectedException(Reason.FORBIDDEN, what);
            case 408:
            case 504:
                return new ImageRejectedException(Reason.FETCH_TIMEOUT, what);
            default:
                return new ImageRejectedException(Reason.FETCH_FAILED, what);
        }
    }

    /**
     * Only the exception's type, and its message where the JDK wrote it: a protocol error's
     * message may quote what the server sent (a status line of a service that is no web server).
     */
    private static ImageRejectedException mapFailure(URI original, URI target, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CheckingDnsResolver.RefusedAddressException refused) {
                return new ImageRejectedException(Reason.REFUSED, refused.getMessage() + ": " + original);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new ImageRejectedException(Reason.FETCH_FAILED, "unknown host " + target.getHost() + ": " + original);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ImageRejectedException(Reason.FETCH_FAILED, "cannot connect to " + target.getHost() + ":"
                        + target.getPort() + " (" + t.getClass().getSimpleName() + "): " + original);
            }
        }
        return new ImageRejectedException(Reason.FETCH_FAILED, "fetching from " + target.getHost() + " failed ("
                + e.getClass().getSimpleName() + "): " + original);
    }

    /** An absolute http(s) URI with a host, else refused. */
    static URI checkedHttpUri(URI original, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "not an http(s) URI: " + original);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "HTTP URI without a host: " + original);
        }
        if (uri.getRawUserInfo() != null) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "HTTP URI with user info is not fetched: " + original);
        }
        return uri;
    }

    private static URI redirectTarget(URI original, URI current, String location) {
        URI next;
        try {
            next = current.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ImageRejectedException(Reason.FETCH_FAILED, "redirect from " + current.getHost()
                    + " to a malformed Location: " + original);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ImageRejectedException(Reason.REFUSED, "redirect from " + current.getHost()
                    + " to a scheme other than http(s) refused: " + original);
        }
        return checkedHttpUri(original, next);
    }

    private static String shortHost(URI uri) {
        String h = uri.getHost() == null ? "" : uri.getHost();
        return h.length() > 100 ? h.substring(0, 100) + "..." : h;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }
}
