package dev.guild.server.embedded.internal;

import io.temporal.testserver.TestServer;

/** Temporal's Java test server bound to a gRPC port. All state is in memory and ends with this object. */
public final class EmbeddedTemporal implements AutoCloseable {

    private final TestServer.PortBoundTestServer server;
    private final int port;

    private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the server on {@code port} (see {@link Ports#resolve}). */
    public static EmbeddedTemporal start(int port) {
        return new EmbeddedTemporal(TestServer.createPortBoundServer(port), port);
    }

    public String target() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
