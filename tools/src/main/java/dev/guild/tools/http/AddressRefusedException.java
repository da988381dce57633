package dev.guild.tools.http;

import java.net.UnknownHostException;

/**
 * A host that {@link AddressPolicy} does not let a tool reach: it does not resolve, or it resolves to an internal
 * address. The message says which and is meant for the model. An {@link UnknownHostException} so that it can leave
 * an HTTP client's DNS resolver, where the connection address is vetted.
 */
public final class AddressRefusedException extends UnknownHostException {

    public AddressRefusedException(String message) {
        super(message);
    }
}
