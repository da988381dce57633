package dev.guild.server.embedded;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Temporal is and how to reach it.
 *
 * @param target    {@code host:port} of the frontend
 * @param namespace namespace for clients and workers
 * @param embedded  whether this process runs the (in-memory) test server
 * @param tls       TLS settings towards an external target; {@link Tls#NONE} when plaintext
 */
public record TemporalEndpoint(String target, String namespace, boolean embedded, Tls tls) {

    /**
     * TLS towards the target.
     *
     * @param enabled whether to use TLS
     * @param cert    PEM client certificate chain (mutual TLS), with {@code key}
     * @param key     PEM PKCS#8 key of {@code cert}
     * @param ca      PEM CA certificate(s) to trust; the JVM's trust store when empty
     */
    public record Tls(boolean enabled, Optional<Path> cert, Optional<Path> key, Optional<Path> ca) {
        public static final Tls NONE = new Tls(false, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
