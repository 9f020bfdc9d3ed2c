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

    StandardImageFetcher(FetchOptions options, CheckingDnsResolver.Lookup lookup) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
        this.http = new HttpImageFetcher(options, lookup);
        this.files = new FileImageFetcher(options);
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
                return files.fetch(uri);
            default:
                throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "unsupported URI scheme '" + scheme
                        + "' (supported: http, https, file and absolute paths): " + uri);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ImageFetcher.standard(" + options + ")";
    }
}
