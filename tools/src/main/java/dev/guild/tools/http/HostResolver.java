package dev.guild.tools.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name (or literal address) to its addresses for {@link AddressPolicy}. Production uses
 * {@link #SYSTEM}; tests inject one that answers what they need (for example a different answer on each call, as a
 * DNS-rebinding server would).
 */
@FunctionalInterface
public interface HostResolver {

    /** The JVM's resolver ({@link InetAddress#getAllByName(String)}). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /** @throws UnknownHostException when the host has no address */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
