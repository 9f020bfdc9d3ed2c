package io.clipstream.preprocess.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses the fetcher may connect to. Public unicast addresses are allowed; loopback,
 * link-local (the cloud metadata service at 169.254.169.254 among them), private, shared (CGNAT),
 * unspecified, multicast and reserved addresses are refused unless an allow-list entry names the
 * host or covers the address. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64,
 * 6to4) are judged by the embedded address.
 */
final class AddressPolicy {

    /** What an address is, for the check and for the message of a refusal. */
    enum Kind {
        PUBLIC("public"),
        PRIVATE("private"),
        LOOPBACK("loopback"),
        LINK_LOCAL("link-local"),
        UNSPECIFIED("unspecified"),
        MULTICAST("multicast"),
        RESERVED("reserved");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private final List<String> names = new ArrayList<>();
    private final List<Cidr> cidrs = new ArrayList<>();
    private final boolean allowPrivate;

    private AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * A policy from {@code fetch.allow-hosts} entries: a host name matches exactly
     * (case-insensitive), {@code .example.com} matches every name under it, and an address or
     * CIDR ({@code 10.0.0.0/8}, {@code ::1/128}, {@code 127.0.0.1}) matches the addresses it covers.
     */
    static AddressPolicy of(List<String> allowHosts, boolean allowPrivateNetworks) {
        AddressPolicy p = new AddressPolicy(allowPrivateNetworks);
        for (String raw : allowHosts) {
            String e = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                throw new IllegalArgumentException(FetchOptions.ALLOW_HOSTS_KEY + " has an empty entry");
            }
            Cidr cidr = Cidr.parse(e);
            if (cidr != null) {
                p.cidrs.add(cidr);
            } else if (e.matches("\\.?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?")) {
                p.names.add(e);
            } else {
                throw new IllegalArgumentException(FetchOptions.ALLOW_HOSTS_KEY + " entry is neither a host name nor an address/CIDR: " + raw);
            }
        }
        return p;
    }

    /** Whether the host name itself is allow-listed (then every address it resolves to is accepted). */
    boolean allowsName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (n.startsWith(".") ? h.endsWith(n) : h.equals(n)) {
                return true;
            }
        }
        return false;
    }

    /** Null when {@code address} may be connected to, else why not (words for a message). */
    String refusal(InetAddress address) {
        for (Cidr c : cidrs) {
            if (c.contains(address)) {
                return null;
            }
        }
        Kind kind = kindOf(address);
        if (kind == Kind.PUBLIC || kind == Kind.PRIVATE && allowPrivate) {
            return null;
        }
        return kind.words + " address " + address.getHostAddress() + " is not allowed (see "
                + (kind == Kind.PRIVATE ? FetchOptions.ALLOW_PRIVATE_NETWORKS_KEY + " and " : "")
                + FetchOptions.ALLOW_HOSTS_KEY + ")";
    }

    static Kind kindOf(InetAddress address) {
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            return kindOf4(a);
        }
        Inet4Address embedded = embeddedIpv4((Inet6Address) address);
        if (embedded != null) {
            return kindOf4(embedded.getAddress());
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (address.isAnyLocalAddress()) {
            return Kind.UNSPECIFIED;
        }
        if (address.isLoopbackAddress()) {
            return Kind.LOOPBACK;
        }
        if (b0 == 0xff) {
            return Kind.MULTICAST;
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Kind.LINK_LOCAL; // fe80::/10
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0 || (b0 & 0xfe) == 0xfc) {
            return Kind.PRIVATE; // fec0::/10 (old site-local), fc00::/7 (unique local)
        }
        if (b0 == 0x20 && b1 == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
            return Kind.RESERVED; // 2001:db8::/32 documentation
        }
        if ((b0 & 0xe0) != 0x20) {
            return Kind.RESERVED; // outside 2000::/3, the global unicast range
        }
        return Kind.PUBLIC;
    }

    private static Kind kindOf4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return Kind.UNSPECIFIED; // 0.0.0.0/8 "this network": connecting to it reaches the host itself
        }
        if (b0 == 127) {
            return Kind.LOOPBACK;
        }
        if (b0 == 169 && b1 == 254) {
            return Kind.LINK_LOCAL;
        }
        if (b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168 || b0 == 100 && (b1 & 0xc0) == 64) {
            return Kind.PRIVATE; // RFC 1918 and 100.64.0.0/10 (shared address space, CGNAT)
        }
        if (b0 >= 224 && b0 <= 239) {
            return Kind.MULTICAST;
        }
        if (b0 >= 240 || b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2) || b0 == 198 && (b1 & 0xfe) == 18
                || b0 == 198 && b1 == 51 && b2 == 100 || b0 == 203 && b1 == 0 && b2 == 113) {
            return Kind.RESERVED; // 240/4 and broadcast, protocol assignments, benchmarking, documentation
        }
        return Kind.PUBLIC;
    }

    /** The IPv4 address inside an IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Inet4Address embeddedIpv4(Inet6Address address) {
        byte[] a = address.getAddress();
        byte[] v4 = null;
        if (allZero(a, 0, 12)) {
            v4 = new byte[] {a[12], a[13], a[14], a[15]};
        } else if ((a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b
                && allZero(a, 4, 12)) {
            v4 = new byte[] {a[12], a[13], a[14], a[15]};
        } else if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            v4 = new byte[] {a[2], a[3], a[4], a[5]};
        }
        if (v4 == null) {
            return null;
        }
        if (allZero(a, 0, 12) && (address.isAnyLocalAddress() || address.isLoopbackAddress())) {
            return null; // :: and ::1 are themselves, not compatible addresses
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An address block. */
    private static final class Cidr {
        private final byte[] network;
        private final int prefix;

        private Cidr(byte[] network, int prefix) {
            this.network = network;
            this.prefix = prefix;
        }

        /** Null when {@code s} is no address literal (a host name). */
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            if (addr.startsWith("[") && addr.endsWith("]")) {
                addr = addr.substring(1, addr.length() - 1);
            }
            boolean literal = addr.contains(":") || addr.matches("[0-9.]+");
            if (!literal) {
                if (slash >= 0) {
                    throw new IllegalArgumentException(FetchOptions.ALLOW_HOSTS_KEY + " CIDR needs an address: " + s);
                }
                return null;
            }
            byte[] bytes;
            try {
                if (!addr.contains(":") && !addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                    throw new UnknownHostException(addr);
                }
                bytes = InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(FetchOptions.ALLOW_HOSTS_KEY + " entry is no valid address: " + s);
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException(FetchOptions.ALLOW_HOSTS_KEY + " entry has a bad prefix length: " + s);
                }
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
