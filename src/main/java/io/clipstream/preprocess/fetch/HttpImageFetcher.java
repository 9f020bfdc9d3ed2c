package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches {@code http(s):} URIs with the JDK's client. The request timeout only covers the wait
 * for the response headers, so the body is read under a deadline of its own (the read timeout
 * counts from sending the request), and it is collected by a subscriber that cancels the exchange
 * as soon as the byte limit is passed: an oversized or endless body never sits in memory.
 */
final class HttpImageFetcher {

    private final FetchOptions options;
    private final HttpClient client;

    HttpImageFetcher(FetchOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(options.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .build();
    }

    byte[] fetch(URI uri) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(options.readTimeout())
                    .header("User-Agent", options.userAgent())
                    .header("Accept", "image/*, */*;q=0.5")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "not a valid HTTP URI: " + uri, e);
        }
        long deadline = System.nanoTime() + options.readTimeout().toNanos();
        BoundedBodySubscriber[] body = new BoundedBodySubscriber[1];
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            BoundedBodySubscriber s = new BoundedBodySubscriber(info, options.maxBytes());
            body[0] = s;
            return s;
        });
        try {
            HttpResponse<byte[]> response = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return checkStatus(uri, response);
        } catch (TimeoutException e) {
            abort(future, body[0]);
            throw new ImageRejectedException(Reason.FETCH_TIMEOUT,
                    "no complete response from " + uri + " within " + options.readTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            abort(future, body[0]);
            Thread.currentThread().interrupt();
            throw new ImageRejectedException(Reason.FETCH_FAILED, "interrupted while fetching " + uri, e);
        } catch (ExecutionException e) {
            throw mapFailure(uri, e.getCause() == null ? e : e.getCause());
        }
    }

    private byte[] checkStatus(URI uri, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String what = "HTTP " + status + " from " + response.uri();
        switch (status) {
            case 404:
            case 410:
                throw new ImageRejectedException(Reason.NOT_FOUND, what);
            case 401:
            case 403:
                throw new ImageRejectedException(Reason.FORBIDDEN, what);
            case 408:
            case 504:
                throw new ImageRejectedException(Reason.FETCH_TIMEOUT, what);
            default:
                if (status >= 300 && status < 400) {
                    throw new ImageRejectedException(Reason.FETCH_FAILED, what + " (redirect not followed"
                            + (options.followRedirects() ? ": missing location, downgrade to http or too many hops)" : ")"));
                }
                throw new ImageRejectedException(Reason.FETCH_FAILED, what);
        }
    }

    private ImageRejectedException mapFailure(URI uri, Throwable cause) {
        if (cause instanceof ImageRejectedException rejected) {
            return rejected; // the byte limit, raised by the subscriber
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new ImageRejectedException(Reason.FETCH_TIMEOUT,
                    "no connection to " + uri + " within " + options.connectTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ImageRejectedException(Reason.FETCH_TIMEOUT,
                    "no response from " + uri + " within " + options.readTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof ConnectException) {
            return new ImageRejectedException(Reason.FETCH_FAILED, "cannot connect to " + uri + ": " + cause, cause);
        }
        if (cause instanceof IOException) {
            return new ImageRejectedException(Reason.FETCH_FAILED, "fetching " + uri + " failed: " + cause, cause);
        }
        return new ImageRejectedException(Reason.FETCH_FAILED, "fetching " + uri + " failed: " + cause, cause);
    }

    private static void abort(CompletableFuture<?> future, BoundedBodySubscriber body) {
        if (body != null) {
            body.cancel();
        }
        future.cancel(true);
    }
}
