package io.clipstream.preprocess.fetch;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of an {@link ImageFetcher}: typed keys, defaults and descriptions, and the immutable,
 * serializable settings a fetcher is built with.
 *
 * <pre>{@code
 * FetchOptions options = FetchOptions.builder()
 *         .optConnectTimeout(Duration.ofSeconds(2))
 *         .optReadTimeout(Duration.ofSeconds(5))
 *         .optMaxBytes(10 << 20)
 *         .build();
 * }</pre>
 */
public final class FetchOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Key of {@link #connectTimeout()}. */
    public static final String CONNECT_TIMEOUT_KEY = "fetch.connect-timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Key of {@link #readTimeout()}. */
    public static final String READ_TIMEOUT_KEY = "fetch.read-timeout";
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    /** Key of {@link #maxBytes()}. */
    public static final String MAX_BYTES_KEY = "fetch.max-bytes";
    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    /** Key of {@link #followRedirects()}. */
    public static final String FOLLOW_REDIRECTS_KEY = "fetch.follow-redirects";
    public static final boolean DEFAULT_FOLLOW_REDIRECTS = true;
    /** Key of {@link #allowFiles()}. */
    public static final String ALLOW_FILES_KEY = "fetch.allow-files";
    public static final boolean DEFAULT_ALLOW_FILES = true;
    /** Key of {@link #userAgent()}. */
    public static final String USER_AGENT_KEY = "fetch.user-agent";
    public static final String DEFAULT_USER_AGENT = "clipstream-image-fetcher/0.1";

    /** Every key with its one-line description, in the order the CLI and the docs list them. */
    public static final Map<String, String> DESCRIPTIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(CONNECT_TIMEOUT_KEY, "Longest wait for a TCP/TLS connection to an image server (default 5 s).");
        d.put(READ_TIMEOUT_KEY, "Longest time from sending a request to the last byte of the image (default 15 s).");
        d.put(MAX_BYTES_KEY, "Largest image body accepted; a larger one is cut off while streaming (default 20 MiB).");
        d.put(FOLLOW_REDIRECTS_KEY, "Follow HTTP redirects, except from https to http (default true).");
        d.put(ALLOW_FILES_KEY, "Accept file:// URIs and absolute paths (default true; turn off for untrusted URIs).");
        d.put(USER_AGENT_KEY, "User-Agent header sent with HTTP requests.");
        DESCRIPTIONS = java.util.Collections.unmodifiableMap(d);
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxBytes;
    private final boolean followRedirects;
    private final boolean allowFiles;
    private final String userAgent;

    private FetchOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxBytes = b.maxBytes;
        this.followRedirects = b.followRedirects;
        this.allowFiles = b.allowFiles;
        this.userAgent = b.userAgent;
    }

    /** Every option at its default. */
    public static FetchOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults; every setter is optional. */
    public static Builder builder() {
        return new Builder();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time allowed from sending the request until the whole body has arrived. */
    public Duration readTimeout() {
        return readTimeout;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean followRedirects() {
        return followRedirects;
    }

    public boolean allowFiles() {
        return allowFiles;
    }

    public String userAgent() {
        return userAgent;
    }

    @Override
    public String toString() {
        return "FetchOptions{connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxBytes="
                + maxBytes + ", followRedirects=" + followRedirects + ", allowFiles=" + allowFiles + "}";
    }

    /** Builds {@link FetchOptions}. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private boolean followRedirects = DEFAULT_FOLLOW_REDIRECTS;
        private boolean allowFiles = DEFAULT_ALLOW_FILES;
        private String userAgent = DEFAULT_USER_AGENT;

        private Builder() {}

        public Builder optConnectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder optReadTimeout(Duration v) {
            readTimeout = v;
            return this;
        }

        public Builder optMaxBytes(long v) {
            maxBytes = v;
            return this;
        }

        public Builder optFollowRedirects(boolean v) {
            followRedirects = v;
            return this;
        }

        public Builder optAllowFiles(boolean v) {
            allowFiles = v;
            return this;
        }

        public Builder optUserAgent(String v) {
            userAgent = v;
            return this;
        }

        /** Validates and builds. */
        public FetchOptions build() {
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException(CONNECT_TIMEOUT_KEY + " must be positive: " + connectTimeout);
            }
            if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
                throw new IllegalArgumentException(READ_TIMEOUT_KEY + " must be positive: " + readTimeout);
            }
            if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(MAX_BYTES_KEY + " must be within 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
            }
            if (userAgent == null || userAgent.isBlank()) {
                throw new IllegalArgumentException(USER_AGENT_KEY + " must not be blank");
            }
            return new FetchOptions(this);
        }
    }
}
