package dev.guild.tools.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts {@code http_request} and {@code fetch_url} may reach. By default only public addresses: loopback, private (RFC 1918,
 * IPv6 unique-local), link-local (including cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and
 * unspecified addresses are refused after DNS resolution, unless the host name (or literal address) is on the
 * allowlist.
 */
public final class AddressPolicy {

    private final Set<String> allowedHosts;

    /** @param allowedHosts host names or literal addresses reachable even though internal */
    public AddressPolicy(Set<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Null when {@code uri} may be requested, otherwise why not: the scheme must be http or https, the URL must have a
     * host and no credentials, and the host must pass {@link #refusal(String)}.
     */
    public String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https URLs are allowed; got '" + uri + "'";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "the URL '" + uri + "' has no host";
        }
        if (uri.getUserInfo() != null) {
            return "credentials in the URL are not allowed; send them in a header";
        }
        return refusal(uri.getHost());
    }

    /** Null when {@code host} may be reached, otherwise why not. */
    public String refusal(String host) {
        String normalized = host.toLowerCase(Locale.ROOT);
        if (normalized.startsWith("[") && normalized.endsWith("]")) {
            normalized = normalized.substring(1, normalized.length() - 1);
        }
        if (allowedHosts.contains(normalized)) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(normalized);
        } catch (UnknownHostException e) {
            return "host '" + host + "' does not resolve; check the spelling";
        }
        for (InetAddress address : addresses) {
            String kind = internalKind(address);
            if (kind != null) {
                return "host '" + host + "' resolves to " + address.getHostAddress() + ", a " + kind
                        + " address; requests to internal networks are refused (an operator can allow the host explicitly)";
            }
        }
        return null;
    }

    static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 0 || first >= 240) {
                return "reserved";
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internalKind(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
        }
        return null;
    }
}
