package dev.guild.server.embedded.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choice for embedded services: a configured port must be free; {@code 0} means any free port. */
public final class Ports {

    private Ports() {
    }

    /**
     * The port to bind: {@code configured} when it is free, a free one when {@code configured} is 0.
     *
     * @param key configuration key of the port, for the error message
     * @throws IllegalStateException when the configured port is taken, saying how to fix it
     */
    public static int resolve(String key, int configured) {
        if (configured == 0) {
            return freePort();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), configured));
            return configured;
        } catch (IOException e) {
            throw new IllegalStateException("port " + configured + " (" + key + ") is already in use: stop what listens"
                    + " there, choose another port with " + key + "=<port>, or set " + key + "=0 to pick a free port", e);
        }
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on the loopback interface: " + e.getMessage(), e);
        }
    }
}
