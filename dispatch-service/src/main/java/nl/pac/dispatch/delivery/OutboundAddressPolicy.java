package nl.pac.dispatch.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a tenant's webhook may point (issue 14, SSRF): never at this centre's own network. A URL is
 * refused when its host is, or resolves to, a loopback, private (RFC 1918, IPv6 ULA {@code fc00::/7}),
 * link-local ({@code 169.254/16}, {@code fe80::/10}: cloud metadata lives there), CGNAT ({@code 100.64/10}),
 * multicast, unspecified, broadcast, reserved or documentation address, in any notation: IPv4 written
 * as one number, in octal or hex, or with fewer than four parts ({@code 2130706433}, {@code 0177.0.0.1},
 * {@code 0x7f000001}, {@code 127.1}) is refused outright as ambiguous, whatever it means; IPv6 literals
 * ({@code [::1]}), IPv4-mapped, -compatible, NAT64 and 6to4 IPv6 are judged by the IPv4 address they carry;
 * names of this host or of a metadata service ({@code localhost}, {@code *.localhost},
 * {@code metadata.google.internal}) are refused by name, any other name by every address it resolves to.
 * Only {@code https} is allowed, without user info.
 *
 * <p>The one exception is the allow-list {@code pac.dispatch.outbound.allowed-hosts}: {@code host:port}
 * entries, exactly as the URL writes them (no resolving, no other notation matches), {@code host:*} for any
 * port of that host; such a destination may also be plain {@code http}. Empty by default; the local run and
 * tests list their stand-ins. Nothing is allowed by a built-in host name.
 *
 * <p>Checked at subscription ({@link #refusal}: a name that does not resolve yet is let through) and again
 * before every call ({@link #refusalToSend}: resolved now, every address checked). Plain Java; the resolver
 * is a parameter so names can be tested without a DNS server.
 */
public final class OutboundAddressPolicy {

    /** Turns a host name into its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    /** A host whose last label is a number (digits or {@code 0x} hex): WHATWG parses it as IPv4, so it is an address. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?:^|\\.)(?:[0-9]+|0x[0-9a-f]*)$");
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$");
    private static final Set<String> FORBIDDEN_NAMES = Set.of("localhost", "localhost.localdomain", "ip6-localhost",
            "ip6-loopback", "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal");

    private final Set<String> allowed;
    private final Resolver resolver;

    public OutboundAddressPolicy(Collection<String> allowedHosts, Resolver resolver) {
        this.allowed = allowedHosts.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Why a webhook URL may not be subscribed, or empty if it may. A name that cannot be resolved now is let through. */
    public Optional<String> refusal(String url) {
        return check(url, false);
    }

    /** Why this call may not be made now, or empty if it may: the host is resolved and every address must pass. */
    public Optional<String> refusalToSend(String url) {
        return check(url, true);
    }

    private Optional<String> check(String url, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            // java.net.URI leaves the host out of "http://2130706433/", "http://127.1/", "http://0x7f000001/"
            return Optional.of(uri.getRawAuthority() != null && NUMERIC_LAST_LABEL.matcher(
                    authorityHost(uri.getRawAuthority())).find()
                    ? "an IP address in an ambiguous notation; write a public address as a.b.c.d"
                    : "no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("user info in the URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        if (allowed.contains(host + ":" + port) || allowed.contains(host + ":*")) {
            return "https".equals(scheme) || "http".equals(scheme) ? Optional.empty() : Optional.of("not an http(s) URL");
        }
        // The address first, so a refusal names what is wrong with it even when the scheme is wrong too.
        Optional<String> refused = hostRefusal(host, mustResolve);
        if (refused.isPresent()) {
            return refused;
        }
        return "https".equals(scheme) ? Optional.empty() : Optional.of("not an https URL");
    }

    private Optional<String> hostRefusal(String host, boolean mustResolve) {
        if (host.contains("%")) {
            return Optional.of("a scoped (zone) address");
        }
        if (host.startsWith("[")) {
            return addressRefusal(literal(host.substring(1, host.length() - 1)));
        }
        String name = host.replaceAll("\\.+$", "");
        if (name.isEmpty()) {
            return Optional.of("no host");
        }
        if (NUMERIC_LAST_LABEL.matcher(name).find()) {
            if (!CANONICAL_IPV4.matcher(name).matches()) {
                return Optional.of("an IP address in an ambiguous notation; write a public address as a.b.c.d");
            }
            return addressRefusal(literal(name));
        }
        if (FORBIDDEN_NAMES.contains(name) || name.endsWith(".localhost") || name.endsWith(".internal")) {
            return Optional.of("a name of this host or of a metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of("its name does not resolve") : Optional.empty();
        }
        for (InetAddress a : addresses) {
            Optional<String> refused = addressRefusal(a);
            if (refused.isPresent()) {
                return Optional.of("resolves to " + refused.get());
            }
        }
        return addresses.length == 0 && mustResolve ? Optional.of("its name does not resolve") : Optional.empty();
    }

    private static String authorityHost(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        return (colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort).toLowerCase(Locale.ROOT);
    }

    /** A literal already known to be canonical IPv4 or bracket-free IPv6: InetAddress parses it without DNS. */
    private static InetAddress literal(String text) {
        try {
            if (!text.matches("^[0-9a-f:.]+$")) {
                return null;
            }
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Why this address may not be called, or empty for a public unicast address. */
    static Optional<String> addressRefusal(InetAddress address) {
        if (address == null) {
            return Optional.of("not an IP address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return ipv4Refusal(embedded.get()).map(r -> r + " (inside an IPv6 address)");
            }
            return ipv6Refusal(b);
        }
        return address instanceof Inet4Address ? ipv4Refusal(b) : Optional.of("not an IP address");
    }

    /** IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96 (not :: or ::1), NAT64 64:ff9b::/96, 6to4 2002::/16. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of(new byte[]{b[12], b[13], b[14], b[15]});
        }
        if (first10Zero && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0)) {
            return Optional.of(new byte[]{b[12], b[13], b[14], b[15]});
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (nat64) {
            return Optional.of(new byte[]{b[12], b[13], b[14], b[15]});
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(new byte[]{b[2], b[3], b[4], b[5]});
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4Refusal(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        String text = a0 + "." + a1 + "." + a2 + "." + (b[3] & 0xff);
        String why;
        if (a0 == 0) {
            why = "unspecified (0.0.0.0/8)";
        } else if (a0 == 127) {
            why = "loopback (127.0.0.0/8)";
        } else if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 < 32) || (a0 == 192 && a1 == 168)) {
            why = "private (RFC 1918)";
        } else if (a0 == 169 && a1 == 254) {
            why = "link-local (169.254.0.0/16, cloud metadata)";
        } else if (a0 == 100 && a1 >= 64 && a1 < 128) {
            why = "shared/CGNAT (100.64.0.0/10)";
        } else if (a0 >= 224 && a0 < 240) {
            why = "multicast (224.0.0.0/4)";
        } else if (a0 >= 240) {
            why = "reserved or broadcast (240.0.0.0/4)";
        } else if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            why = "reserved for protocols, benchmarks or documentation";
        } else {
            return Optional.empty();
        }
        return Optional.of(text + ": " + why);
    }

    private static Optional<String> ipv6Refusal(byte[] b) {
        boolean zeroTo15 = true;
        for (int i = 0; i < 15; i++) {
            zeroTo15 &= b[i] == 0;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        String why;
        if (zeroTo15 && b[15] == 0) {
            why = "unspecified (::)";
        } else if (zeroTo15 && b[15] == 1) {
            why = "loopback (::1)";
        } else if ((b0 & 0xfe) == 0xfc) {
            why = "unique local (fc00::/7)";
        } else if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            why = "link-local (fe80::/10)";
        } else if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            why = "site-local (fec0::/10)";
        } else if (b0 == 0xff) {
            why = "multicast (ff00::/8)";
        } else if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            why = "documentation (2001:db8::/32)";
        } else if (b0 == 0x01 && b1 == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            why = "discard (100::/64)";
        } else if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            why = "Teredo (2001::/32)";
        } else if (b0 == 0) {
            why = "reserved (::/8)";
        } else {
            return Optional.empty();
        }
        return Optional.of(why);
    }
}
