package dev.guild.server.embedded.internal;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server, served twice over the same in-memory state: on a gRPC port (for clients in other
 * processes: the {@code dev-services} mode, {@code temporal} CLI, tests) and in-process ({@link #channel()}: for this
 * JVM's own worker and client, which then skip the loopback TCP connection, HTTP/2 framing and the hops between
 * Netty's event loops and gRPC's executors on every call). All state is in memory and ends with this object.
 */
public final class EmbeddedTemporal implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server portServer;
    private final InProcessGRPCServer inProcess;
    private final int port;

    private EmbeddedTemporal(TestServicesStarter services, Server portServer, InProcessGRPCServer inProcess, int port) {
        this.services = services;
        this.portServer = portServer;
        this.inProcess = inProcess;
        this.port = port;
    }

    /** Starts the server on {@code port} (see {@link Ports#resolve}) and in-process. */
    public static EmbeddedTemporal start(int port) {
        // true: time skipping locked, so the server's clock is the real one, as in a Temporal cluster
        TestServicesStarter services = new TestServicesStarter(true, 0);
        List<BindableService> bindable = services.getServices();
        Server portServer;
        try {
            ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
            GRPCServerHelper.registerServicesAndHealthChecks(bindable, builder);
            portServer = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start the embedded Temporal server on port " + port
                    + ": " + e.getMessage() + "; free the port or set guild.temporal.port to another one (0 = any)", e);
        }
        return new EmbeddedTemporal(services, portServer, new InProcessGRPCServer(bindable), portServer.getPort());
    }

    /** {@code localhost:<port>} of the port-bound server. */
    public String target() {
        return "localhost:" + port;
    }

    /** A channel to the same server inside this JVM; closed by {@link #close()}. */
    public ManagedChannel channel() {
        return inProcess.getChannel();
    }

    @Override
    public void close() {
        inProcess.shutdown();
        portServer.shutdown();
        try {
            inProcess.awaitTermination(5, TimeUnit.SECONDS);
            portServer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.close();
            portServer.shutdownNow();
            inProcess.shutdownNow();
        }
    }
}
