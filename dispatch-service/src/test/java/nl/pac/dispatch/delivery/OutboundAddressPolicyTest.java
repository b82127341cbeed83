package nl.pac.dispatch.delivery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSRF guard over every notation of an internal address (issue 14). Names resolve through a fixed
 * table, as a hostile DNS would answer, so no DNS server is needed.
 */
class OutboundAddressPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.tenant.example", "93.184.216.34",
            "rebind.attacker.example", "127.0.0.1",
            "mixed.attacker.example", "93.184.216.34,10.0.0.7",
            "metadata.attacker.example", "169.254.169.254",
            "v6.attacker.example", "fd00:ec2::254",
            "mapped.attacker.example", "::ffff:192.168.1.1");

    private static final OutboundAddressPolicy POLICY = new OutboundAddressPolicy(List.of("127.0.0.1:8089", "stand-in.local:*"),
            OutboundAddressPolicyTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        String[] parts = addresses.split(",");
        InetAddress[] resolved = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(parts[i]).getAddress());
        }
        return resolved;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // loopback, in every notation
            "https://127.0.0.1/hook", "https://127.0.0.1:8088/hook", "https://127.1/hook", "https://127.0.1/hook",
            "https://2130706433/hook", "https://0x7f000001/hook", "https://0x7f.0.0.1/hook", "https://0177.0.0.1/hook",
            "https://017700000001/hook", "https://127.000.000.001/hook", "https://127.0.0.1./hook", "https://127.8.9.10/hook",
            "https://[::1]/hook", "https://[0:0:0:0:0:0:0:1]/hook", "https://[::ffff:127.0.0.1]/hook",
            "https://[::ffff:7f00:1]/hook", "https://[::127.0.0.1]/hook", "https://[64:ff9b::7f00:1]/hook",
            "https://[2002:7f00:1::]/hook",
            "https://localhost/hook", "https://LOCALHOST/hook", "https://localhost./hook", "https://api.localhost/hook",
            // unspecified
            "https://0.0.0.0/hook", "https://0/hook", "https://[::]/hook",
            // private, IPv4 and IPv6
            "https://10.0.0.1/hook", "https://10.255.255.255/hook", "https://172.16.0.1/hook", "https://172.31.255.1/hook",
            "https://192.168.1.1/hook", "https://[::ffff:10.0.0.1]/hook", "https://[fc00::1]/hook", "https://[fd12:3456::1]/hook",
            // link-local and cloud metadata
            "https://169.254.169.254/latest/meta-data/", "https://169.254.0.1/hook", "https://[fe80::1]/hook",
            "https://[febf::1]/hook", "https://[::ffff:169.254.169.254]/hook", "https://metadata.google.internal/computeMetadata/v1/",
            "https://metadata.google.internal./computeMetadata/v1/", "https://metadata/hook", "https://instance-data/hook",
            "https://[fd00:ec2::254]/hook", "https://100.100.100.200/hook",
            // CGNAT
            "https://100.64.0.1/hook", "https://100.127.255.254/hook",
            // multicast, broadcast, reserved
            "https://224.0.0.1/hook", "https://239.255.255.250/hook", "https://[ff02::1]/hook", "https://255.255.255.255/hook",
            "https://240.0.0.1/hook", "https://192.0.2.10/hook", "https://198.18.0.1/hook", "https://[2001:db8::1]/hook",
            // names a hostile DNS points inside
            "https://rebind.attacker.example/hook", "https://mixed.attacker.example/hook", "https://metadata.attacker.example/hook",
            "https://v6.attacker.example/hook", "https://mapped.attacker.example/hook",
            // not https, or a way around the host
            "http://hooks.tenant.example/hook", "ftp://hooks.tenant.example/hook", "https://user:pw@hooks.tenant.example/hook",
            "https://[fe80::1%25eth0]/hook", "http://127.0.0.1/hook", "http://127.0.0.1:8088/hook", "https:///hook", "not a url"
    })
    void refusesEveryInternalAddressInEveryNotation(String url) {
        assertThat(POLICY.refusal(url)).as(url).isPresent();
        assertThat(POLICY.refusalToSend(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.tenant.example/pac", "https://hooks.tenant.example:8443/pac", "https://93.184.216.34/pac",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/pac", "https://[::ffff:93.184.216.34]/pac", "https://172.32.0.1/pac",
            "https://100.128.0.1/pac", "https://192.169.0.1/pac"})
    void allowsPublicHttpsReceivers(String url) {
        assertThat(POLICY.refusal(url)).as(url).isEmpty();
        assertThat(POLICY.refusalToSend(url)).as(url).isEmpty();
    }

    @Test
    void theAllowListNamesExactlyTheStandInsAsWrittenAndNothingElse() {
        assertThat(POLICY.refusal("http://127.0.0.1:8089/hooks/demo")).isEmpty();
        assertThat(POLICY.refusalToSend("http://127.0.0.1:8089/hooks/demo")).isEmpty();
        assertThat(POLICY.refusal("http://stand-in.local:41234/x")).isEmpty();
        // another port, another notation of the same address, another loopback address: not on the list
        assertThat(POLICY.refusal("http://127.0.0.1:8090/hook")).isPresent();
        assertThat(POLICY.refusal("https://127.0.0.1:8090/hook")).isPresent();
        assertThat(POLICY.refusal("http://localhost:8089/hook")).isPresent();
        assertThat(POLICY.refusal("http://2130706433:8089/hook")).isPresent();
        assertThat(POLICY.refusal("http://[::ffff:127.0.0.1]:8089/hook")).isPresent();
        assertThat(POLICY.refusal("http://127.0.0.2:8089/hook")).isPresent();
        // nothing is allowed by default, not even this host
        OutboundAddressPolicy none = new OutboundAddressPolicy(List.of(), OutboundAddressPolicyTest::resolve);
        assertThat(none.refusal("http://127.0.0.1:8089/hook")).isPresent();
        assertThat(none.refusal("http://localhost:8089/hook")).isPresent();
    }

    @Test
    void aNameThatDoesNotResolveYetMaySubscribeButIsNotCalled() {
        assertThat(POLICY.refusal("https://not-yet.tenant.example/hook")).isEmpty();
        assertThat(POLICY.refusalToSend("https://not-yet.tenant.example/hook")).hasValueSatisfying(r -> assertThat(r).contains("resolve"));
    }

    @Test
    void theRefusalSaysWhyWithoutCallingAnything() {
        assertThat(POLICY.refusal("https://169.254.169.254/")).hasValueSatisfying(r -> assertThat(r).contains("link-local"));
        assertThat(POLICY.refusal("https://[::ffff:127.0.0.1]/")).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(POLICY.refusal("https://2130706433/")).hasValueSatisfying(r -> assertThat(r).contains("ambiguous"));
        assertThat(POLICY.refusal("https://rebind.attacker.example/")).hasValueSatisfying(r -> assertThat(r).contains("resolves to", "loopback"));
    }
}
