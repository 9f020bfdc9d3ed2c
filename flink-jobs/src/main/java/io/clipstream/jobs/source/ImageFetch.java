package io.clipstream.jobs.source;

import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.preprocess.fetch.ImageFetcher;
import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * How the image stage gets the bytes of an image given by reference (the claim-check pattern). A
 * serializable policy, so it travels with the operator; a deployment can plug in its object store.
 * Implementations are called from several fetch threads at once.
 */
@FunctionalInterface
@Internal
public interface ImageFetch extends Serializable, AutoCloseable {

    /**
     * The bytes behind {@code reference} (an http(s) or file URI, or an absolute path); throws
     * {@code ImageRejectedException} with a reason otherwise.
     */
    byte[] fetch(String reference);

    /** Releases what the fetcher holds where the operator ran; the default holds nothing. */
    @Override
    default void close() {}

    /** The core's standard fetcher (policy, timeouts, limits as {@code options} say). */
    static ImageFetch standard(FetchOptions options) {
        return new Standard(options);
    }

    /** Builds the core fetcher where the operator runs, once per operator instance. */
    final class Standard implements ImageFetch {
        private static final long serialVersionUID = 2L;
        private final FetchOptions options;
        private transient volatile ImageFetcher fetcher;

        Standard(FetchOptions options) {
            this.options = options;
        }

        @Override
        public byte[] fetch(String reference) {
            ImageFetcher f = fetcher;
            if (f == null) {
                synchronized (this) {
                    if (fetcher == null) {
                        fetcher = ImageFetcher.standard(options);
                    }
                    f = fetcher;
                }
            }
            return f.fetch(reference);
        }

        @Override
        public synchronized void close() {
            if (fetcher != null) {
                fetcher.close();
                fetcher = null;
            }
        }
    }
}
