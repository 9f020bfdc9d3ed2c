package io.clipstream.preprocess.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way from a host name to an address. Every new connection (the first
 * request and every redirect hop) asks it once; it looks the name up, checks every address it
 * got against the {@link AddressPolicy}, and hands the client exactly those checked addresses to
 * connect to. Nothing resolves the name a second time, so a DNS answer that changes between a
 * check and the connection (rebinding) has nothing to change. A name with any refused address is
 * refused as a whole: a multi-address answer that mixes in a private address is suspicious.
 */
final class CheckingDnsResolver implements DnsResolver {

    /** How names are looked up: the system resolver, or a fixed table in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;

        /** The JVM's resolver ({@code InetAddress.getAllByName}); literals need no lookup. */
        static Lookup system() {
            return InetAddress::getAllByName;
        }
    }

    /** A host refused by the address policy; the fetcher reports it as a refusal, not a failure. */
    static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }

    private final AddressPolicy policy;
    private final Lookup lookup;

    CheckingDnsResolver(AddressPolicy policy, Lookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = lookup.lookup(h);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(h);
        }
        if (policy.allowsName(h)) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            String why = policy.refusal(a);
            if (why != null) {
                throw new RefusedAddressException("host " + h + " resolves to a " + why);
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : resolve(host)) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // only authentication schemes ask for it, and the fetcher uses none: never look anything up
        return host;
    }
}
