package io.clipstream.preprocess.fetch;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of an {@link ImageFetcher}: typed keys, defaults and descriptions, and the immutable,
 * serializable settings a fetcher is built with. The defaults are safe for URIs from untrusted
 * producers: no local files, no loopback, link-local, private or multicast addresses.
 *
 * <pre>{@code
 * FetchOptions options = FetchOptions.builder()
 *         .optReadTimeout(Duration.ofSeconds(5))
 *         .optFileRoots(List.of("/srv/images"))
 *         .optAllowHosts(List.of("images.internal", "10.20.0.0/16"))
 *         .build();
 * }</pre>
 */
public final class FetchOptions implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Key of {@link #connectTimeout()}. */
    public static final String CONNECT_TIMEOUT_KEY = "fetch.connect-timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Key of {@link #readTimeout()}. */
    public static final String READ_TIMEOUT_KEY = "fetch.read-timeout";
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    /** Key of {@link #timeout()}. */
    public static final String TIMEOUT_KEY = "fetch.timeout";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Key of {@link #maxBytes()}. */
    public static final String MAX_BYTES_KEY = "fetch.max-bytes";
    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    /** Key of {@link #maxRedirects()}. */
    public static final String FOLLOW_REDIRECTS_KEY = "fetch.follow-redirects";
    public static final int DEFAULT_FOLLOW_REDIRECTS = 5;
    /** Key of {@link #allowFiles()}. */
    public static final String ALLOW_FILES_KEY = "fetch.allow-files";
    public static final boolean DEFAULT_ALLOW_FILES = false;
    /** Key of {@link #fileRoots()}. */
    public static final String FILE_ROOTS_KEY = "fetch.file-roots";
    /** Key of {@link #allowHosts()}. */
    public static final String ALLOW_HOSTS_KEY = "fetch.allow-hosts";
    /** Key of {@link #allowPrivateNetworks()}. */
    public static final String ALLOW_PRIVATE_NETWORKS_KEY = "fetch.allow-private-networks";
    public static final boolean DEFAULT_ALLOW_PRIVATE_NETWORKS = false;
    /** Key of {@link #maxPerHost()}. */
    public static final String MAX_PER_HOST_KEY = "fetch.max-per-host";
    public static final int DEFAULT_MAX_PER_HOST = 8;
    /** Key of {@link #capacity()}. */
    public static final String CAPACITY_KEY = "fetch.capacity";
    public static final int DEFAULT_CAPACITY = 64;
    /** Key of {@link #userAgent()}. */
    public static final String USER_AGENT_KEY = "fetch.user-agent";
    public static final String DEFAULT_USER_AGENT = "clipstream-image-fetcher/0.1";

    /** Every key with its one-line description, in the order the CLI and the docs list them. */
    public static final Map<String, String> DESCRIPTIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(CONNECT_TIMEOUT_KEY, "Longest wait for a TCP/TLS connection to an image server (default 5 s).");
        d.put(READ_TIMEOUT_KEY, "Longest time from sending one request to the last byte of its response (default 15 s).");
        d.put(TIMEOUT_KEY, "Longest time one image fetch may take in all: waiting for a per-host connection, every redirect, the body (default 30 s); then FETCH_TIMEOUT.");
        d.put(MAX_BYTES_KEY, "Largest body fetched for one image, in bytes; a larger one is cut off while streaming (default 20 MiB).");
        d.put(FOLLOW_REDIRECTS_KEY, "Most HTTP redirects followed for one image, each hop checked like the first; 0 follows none; https to http is never followed (default 5).");
        d.put(ALLOW_FILES_KEY, "Accept file:// URIs and absolute paths anywhere on the host (default false; the demo turns it on). Prefer fetch.file-roots.");
        d.put(FILE_ROOTS_KEY, "Directories file references may point into (real paths: '..' and symlinks cannot leave them); when set, files elsewhere are refused whatever fetch.allow-files says.");
        d.put(ALLOW_HOSTS_KEY, "Host names (exact, or '.suffix') and addresses/CIDRs (10.1.0.0/16, ::1/128) fetched even when they are loopback, link-local, private, unspecified or multicast.");
        d.put(ALLOW_PRIVATE_NETWORKS_KEY, "Allow private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); loopback and link-local still need fetch.allow-hosts (default false).");
        d.put(MAX_PER_HOST_KEY, "Most connections open to one host (scheme, host, port) at once per parallel fetch subtask; further fetches of that host wait for one (default 8).");
        d.put(CAPACITY_KEY, "Most image fetches in flight at once per parallel fetch subtask (default 64).");
        d.put(USER_AGENT_KEY, "User-Agent header sent with HTTP requests.");
        DESCRIPTIONS = Collections.unmodifiableMap(d);
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;
    private final boolean allowFiles;
    private final List<String> fileRoots;
    private final List<String> allowHosts;
    private final boolean allowPrivateNetworks;
    private final int maxPerHost;
    private final int capacity;
    private final String userAgent;

    private FetchOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.timeout = b.timeout;
        this.maxBytes = b.maxBytes;
        this.maxRedirects = b.maxRedirects;
        this.allowFiles = b.allowFiles;
        this.fileRoots = List.copyOf(b.fileRoots);
        this.allowHosts = List.copyOf(b.allowHosts);
        this.allowPrivateNetworks = b.allowPrivateNetworks;
        this.maxPerHost = b.maxPerHost;
        this.capacity = b.capacity;
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

    /** Time allowed from sending one request until its whole body has arrived. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Time allowed for the whole fetch of one reference. */
    public Duration timeout() {
        return timeout;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Most redirects followed; 0 follows none. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** Files anywhere on the host, when {@link #fileRoots()} is empty. */
    public boolean allowFiles() {
        return allowFiles;
    }

    /** Absolute directories file references are confined to; empty: see {@link #allowFiles()}. */
    public List<String> fileRoots() {
        return fileRoots;
    }

    /** Host names and CIDRs exempt from the address check. */
    public List<String> allowHosts() {
        return allowHosts;
    }

    public boolean allowPrivateNetworks() {
        return allowPrivateNetworks;
    }

    public int maxPerHost() {
        return maxPerHost;
    }

    public int capacity() {
        return capacity;
    }

    public String userAgent() {
        return userAgent;
    }

    /** Whether file references are accepted at all (anywhere, or under the roots). */
    public boolean filesEnabled() {
        return allowFiles || !fileRoots.isEmpty();
    }

    @Override
    public String toString() {
        return "FetchOptions{connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", timeout=" + timeout
                + ", maxBytes=" + maxBytes + ", maxRedirects=" + maxRedirects + ", allowFiles=" + allowFiles
                + ", fileRoots=" + fileRoots + ", allowHosts=" + allowHosts + ", allowPrivateNetworks="
                + allowPrivateNetworks + ", maxPerHost=" + maxPerHost + ", capacity=" + capacity + "}";
    }

    /** Builds {@link FetchOptions}. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private int maxRedirects = DEFAULT_FOLLOW_REDIRECTS;
        private boolean allowFiles = DEFAULT_ALLOW_FILES;
        private List<String> fileRoots = List.of();
        private List<String> allowHosts = List.of();
        private boolean allowPrivateNetworks = DEFAULT_ALLOW_PRIVATE_NETWORKS;
        private int maxPerHost = DEFAULT_MAX_PER_HOST;
        private int capacity = DEFAULT_CAPACITY;
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

        public Builder optTimeout(Duration v) {
            timeout = v;
            return this;
        }

        public Builder optMaxBytes(long v) {
            maxBytes = v;
            return this;
        }

        public Builder optMaxRedirects(int v) {
            maxRedirects = v;
            return this;
        }

        public Builder optAllowFiles(boolean v) {
            allowFiles = v;
            return this;
        }

        public Builder optFileRoots(List<String> v) {
            fileRoots = v == null ? List.of() : v;
            return this;
        }

        public Builder optAllowHosts(List<String> v) {
            allowHosts = v == null ? List.of() : v;
            return this;
        }

        public Builder optAllowPrivateNetworks(boolean v) {
            allowPrivateNetworks = v;
            return this;
        }

        public Builder optMaxPerHost(int v) {
            maxPerHost = v;
            return this;
        }

        public Builder optCapacity(int v) {
            capacity = v;
            return this;
        }

        public Builder optUserAgent(String v) {
            userAgent = v;
            return this;
        }

        /** Validates and builds. */
        public FetchOptions build() {
            positive(CONNECT_TIMEOUT_KEY, connectTimeout);
            positive(READ_TIMEOUT_KEY, readTimeout);
            positive(TIMEOUT_KEY, timeout);
            if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(MAX_BYTES_KEY + " must be within 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
            }
            if (maxRedirects < 0 || maxRedirects > 20) {
                throw new IllegalArgumentException(FOLLOW_REDIRECTS_KEY + " must be within 0..20: " + maxRedirects);
            }
            if (maxPerHost < 1) {
                throw new IllegalArgumentException(MAX_PER_HOST_KEY + " must be at least 1: " + maxPerHost);
            }
            if (capacity < 1) {
                throw new IllegalArgumentException(CAPACITY_KEY + " must be at least 1: " + capacity);
            }
            if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException(USER_AGENT_KEY + " must be non-blank printable text");
            }
            for (String root : fileRoots) {
                if (root == null || root.isBlank() || !Path.of(root.strip()).isAbsolute()) {
                    throw new IllegalArgumentException(FILE_ROOTS_KEY + " entries must be absolute directories: " + root);
                }
            }
            AddressPolicy.of(allowHosts, allowPrivateNetworks); // validates the entries
            return new FetchOptions(this);
        }

        private static void positive(String key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be positive: " + d);
            }
        }
    }
}
