package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How the bytes of an image referenced by URI are obtained (the claim-check pattern: large images
 * stay out of Kafka, records carry their address).
 *
 * <p>A policy interface: the pipeline takes any implementation, {@link #standard(FetchOptions)}
 * is the one it uses by default. Implementations are thread-safe and never hold more than the
 * configured byte limit of one body in memory per call.
 *
 * <pre>{@code
 * ImageFetcher fetcher = ImageFetcher.standard(FetchOptions.defaults());
 * byte[] bytes = fetcher.fetch("https://images.example.com/cat.jpg");
 * BufferedImage image = ImageDecoder.create().decode(bytes);
 * }</pre>
 */
public interface ImageFetcher extends AutoCloseable {

    /**
     * The bytes behind {@code uri}.
     *
     * @throws ImageRejectedException with reason {@code UNSUPPORTED_URI}, {@code REFUSED},
     *     {@code NOT_FOUND}, {@code FORBIDDEN}, {@code TOO_LARGE_BYTES}, {@code FETCH_TIMEOUT} or
     *     {@code FETCH_FAILED}; its message never quotes bytes read from the source
     */
    byte[] fetch(URI uri);

    /** Releases connections and threads; the default holds none. */
    @Override
    default void close() {}

    /** Like {@link #fetch(URI)} for a URI string or a plain absolute file path. */
    default byte[] fetch(String uriOrPath) {
        return fetch(toUri(uriOrPath));
    }

    /**
     * The standard fetcher: {@code http://} and {@code https://} with connect, read and total
     * timeouts, checked redirects, a streaming byte limit and a per-host connection limit, every
     * connection to an address the options allow (public ones by default); {@code file://} URIs and
     * absolute paths only when {@code fetch.allow-files} or {@code fetch.file-roots} allow them.
     * Close it to release its connections.
     */
    static ImageFetcher standard(FetchOptions options) {
        return new StandardImageFetcher(options, CheckingDnsResolver.Lookup.system());
    }

    /** {@link #standard(FetchOptions)} with default options. */
    static ImageFetcher standard() {
        return standard(FetchOptions.defaults());
    }

    /**
     * Parses a URI string; a string without a scheme that is an absolute path becomes a
     * {@code file:} URI. Relative paths are refused: what they mean would depend on the working
     * directory of whichever process runs the fetch.
     */
    static URI toUri(String uriOrPath) {
        if (uriOrPath == null || uriOrPath.isBlank()) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "image URI is empty");
        }
        String s = uriOrPath.strip();
        if (s.startsWith("/")) {
            try {
                return Path.of(s).toUri();
            } catch (InvalidPathException e) {
                throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "not a valid path: " + s, e);
            }
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "not a valid URI: " + s, e);
        }
        if (uri.getScheme() == null) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI,
                    "relative reference without scheme (use http(s)://, file:// or an absolute path): " + s);
        }
        return uri;
    }
}
