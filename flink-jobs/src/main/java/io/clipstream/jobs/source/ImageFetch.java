package io.clipstream.jobs.source;

import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.preprocess.fetch.ImageFetcher;
import java.io.Serializable;
import java.net.URI;

/**
 * How the image stage gets the bytes of an image given by URI (the claim-check pattern). A
 * serializable policy, so it travels with the operator; a deployment can plug in its object store.
 */
@FunctionalInterface
public interface ImageFetch extends Serializable {

    /** The bytes behind {@code uri}; throws {@code ImageRejectedException} with a reason otherwise. */
    byte[] fetch(URI uri);

    /** The core's standard fetcher (file, http, https with timeouts and a byte limit). */
    static ImageFetch standard(FetchOptions options) {
        return new Standard(options);
    }

    /** Builds the core fetcher where the operator runs, once per operator instance. */
    final class Standard implements ImageFetch {
        private static final long serialVersionUID = 1L;
        private final FetchOptions options;
        private transient ImageFetcher fetcher;

        Standard(FetchOptions options) {
            this.options = options;
        }

        @Override
        public byte[] fetch(URI uri) {
            if (fetcher == null) {
                fetcher = ImageFetcher.standard(options);
            }
            return fetcher.fetch(uri);
        }
    }
}
