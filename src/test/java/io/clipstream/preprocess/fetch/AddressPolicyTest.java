package io.clipstream.preprocess.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.preprocess.fetch.AddressPolicy.Kind;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void addressesAreClassifiedByTheirSpecialPurposeBlocks() throws Exception {
        Map<String, Kind> expected = Map.ofEntries(
                Map.entry("93.184.216.34", Kind.PUBLIC),
                Map.entry("8.8.8.8", Kind.PUBLIC),
                Map.entry("2606:4700::1111", Kind.PUBLIC),
                Map.entry("127.0.0.1", Kind.LOOPBACK),
                Map.entry("127.255.0.9", Kind.LOOPBACK),
                Map.entry("::1", Kind.LOOPBACK),
                Map.entry("::ffff:127.0.0.1", Kind.LOOPBACK),
                Map.entry("::127.0.0.1", Kind.LOOPBACK),
                Map.entry("64:ff9b::a9fe:a9fe", Kind.LINK_LOCAL),
                Map.entry("2002:a00:1::", Kind.PRIVATE),
                Map.entry("169.254.169.254", Kind.LINK_LOCAL),
                Map.entry("fe80::1", Kind.LINK_LOCAL),
                Map.entry("10.0.0.1", Kind.PRIVATE),
                Map.entry("172.16.0.1", Kind.PRIVATE),
                Map.entry("172.31.255.255", Kind.PRIVATE),
                Map.entry("172.32.0.1", Kind.PUBLIC),
                Map.entry("192.168.0.1", Kind.PRIVATE),
                Map.entry("100.64.0.1", Kind.PRIVATE),
                Map.entry("100.127.255.255", Kind.PRIVATE),
                Map.entry("100.128.0.1", Kind.PUBLIC),
                Map.entry("fc00::1", Kind.PRIVATE),
                Map.entry("fd12:3456::1", Kind.PRIVATE),
                Map.entry("0.0.0.0", Kind.UNSPECIFIED),
                Map.entry("0.1.2.3", Kind.UNSPECIFIED),
                Map.entry("::", Kind.UNSPECIFIED),
                Map.entry("224.0.0.1", Kind.MULTICAST),
                Map.entry("239.255.255.250", Kind.MULTICAST),
                Map.entry("ff02::1", Kind.MULTICAST),
                Map.entry("255.255.255.255", Kind.RESERVED),
                Map.entry("198.18.0.1", Kind.RESERVED),
                Map.entry("2001:db8::1", Kind.RESERVED));
        for (Map.Entry<String, Kind> e : expected.entrySet()) {
            assertThat(AddressPolicy.kindOf(ip(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void onlyPublicAddressesPassTheDefaults() throws Exception {
        AddressPolicy p = AddressPolicy.of(List.of(), false);
        assertThat(p.refusal(ip("93.184.216.34"))).isNull();
        assertThat(p.refusal(ip("10.0.0.1"))).contains("private address 10.0.0.1", FetchOptions.ALLOW_PRIVATE_NETWORKS_KEY);
        assertThat(p.refusal(ip("169.254.169.254"))).contains("link-local", FetchOptions.ALLOW_HOSTS_KEY);
    }

    @Test
    void privateNetworksOptionOpensPrivateBlocksOnly() throws Exception {
        AddressPolicy p = AddressPolicy.of(List.of(), true);
        assertThat(p.refusal(ip("10.0.0.1"))).isNull();
        assertThat(p.refusal(ip("fd00::1"))).isNull();
        assertThat(p.refusal(ip("127.0.0.1"))).isNotNull();
        assertThat(p.refusal(ip("169.254.169.254"))).isNotNull();
    }

    @Test
    void allowHostsTakesNamesSuffixesAddressesAndCidrs() throws Exception {
        AddressPolicy p = AddressPolicy.of(List.of("images.internal", ".corp.example", "10.20.0.0/16", "::1", "127.0.0.1"), false);
        assertThat(p.allowsName("Images.Internal")).isTrue();
        assertThat(p.allowsName("cdn.corp.example")).isTrue();
        assertThat(p.allowsName("corp.example.evil.com")).isFalse();
        assertThat(p.allowsName("other.internal")).isFalse();
        assertThat(p.refusal(ip("10.20.3.4"))).isNull();
        assertThat(p.refusal(ip("10.21.3.4"))).isNotNull();
        assertThat(p.refusal(ip("::1"))).isNull();
        assertThat(p.refusal(ip("127.0.0.1"))).isNull();
        assertThat(p.refusal(ip("127.0.0.2"))).isNotNull();
        assertThatThrownBy(() -> AddressPolicy.of(List.of("10.0.0.0/33"), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.of(List.of("host/8"), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.of(List.of("not a host"), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchOptions.builder().optAllowHosts(List.of("")).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
