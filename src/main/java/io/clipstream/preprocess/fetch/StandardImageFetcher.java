package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.net.URI;
import java.util.Locale;

/** Dispatches by scheme to the HTTP and the file fetcher. */
final class StandardImageFetcher implements ImageFetcher {

    private final FetchOptions options;
    private final HttpImageFetcher http;
    private final FileImageFetcher files;

    StandardImageFetcher(FetchOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.http = new HttpImageFetcher(options);
        this.files = new FileImageFetcher(options.maxBytes());
    }

    @Override
    public byte[] fetch(URI uri) {
        if (uri == null) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "image URI is null");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http":
            case "https":
                return http.fetch(uri);
            case "file":
                if (!options.allowFiles()) {
                    throw new ImageRejectedException(Reason.UNSUPPORTED_URI,
                            "file URIs are disabled (" + FetchOptions.ALLOW_FILES_KEY + "=false): " + uri);
                }
                return files.fetch(uri);
            default:
                throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "unsupported URI scheme '" + scheme
                        + "' (supported: http, https" + (options.allowFiles() ? ", file" : "") + "): " + uri);
        }
    }

    @Override
    public String toString() {
        return "ImageFetcher.standard(" + options + ")";
    }
}
