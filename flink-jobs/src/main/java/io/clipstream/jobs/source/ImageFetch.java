package io.clipstream.jobs.source;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How the image stage gets the bytes of an image given by URI (the claim-check pattern). A
 * policy, so a deployment can plug in its object store.
 */
@FunctionalInterface
public interface ImageFetch extends Serializable {

    /** The bytes behind {@code uri}, at most {@code maxBytes}; throws with a reason otherwise. */
    byte[] fetch(URI uri, long maxBytes);

    /** file, http and https with a connect and read timeout; any other scheme is refused. */
    static ImageFetch standard(int timeoutMs) {
        return (uri, maxBytes) -> {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            try {
                switch (scheme) {
                    case "file":
                        Path p = Path.of(uri);
                        if (Files.size(p) > maxBytes) {
                            throw new ImageRejectedException(Reason.TOO_LARGE_BYTES, uri + " is larger than " + maxBytes + " bytes");
                        }
                        return Files.readAllBytes(p);
                    case "http":
                    case "https":
                        URLConnection c = uri.toURL().openConnection();
                        c.setConnectTimeout(timeoutMs);
                        c.setReadTimeout(timeoutMs);
                        if (c instanceof HttpURLConnection h && h.getResponseCode() >= 400) {
                            throw new ImageRejectedException(h.getResponseCode() == 404 ? Reason.NOT_FOUND : Reason.FETCH_FAILED,
                                    uri + " answered HTTP " + h.getResponseCode());
                        }
                        try (InputStream in = c.getInputStream()) {
                            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                            if (bytes.length > maxBytes) {
                                throw new ImageRejectedException(Reason.TOO_LARGE_BYTES, uri + " is larger than " + maxBytes + " bytes");
                            }
                            return bytes;
                        }
                    default:
                        throw new ImageRejectedException(Reason.UNSUPPORTED_URI,
                                "scheme '" + scheme + "' of " + uri + " is not supported (file, http, https)");
                }
            } catch (NoSuchFileException e) {
                throw new ImageRejectedException(Reason.NOT_FOUND, "no such file: " + uri, e);
            } catch (AccessDeniedException e) {
                throw new ImageRejectedException(Reason.FORBIDDEN, "cannot read " + uri, e);
            } catch (java.net.SocketTimeoutException e) {
                throw new ImageRejectedException(Reason.FETCH_TIMEOUT, "timed out fetching " + uri, e);
            } catch (IOException | IllegalArgumentException e) {
                throw new ImageRejectedException(Reason.FETCH_FAILED, "cannot fetch " + uri + ": " + e, e);
            }
        };
    }
}
