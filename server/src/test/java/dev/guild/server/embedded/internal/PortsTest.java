package dev.guild.server.embedded.internal;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void a_taken_port_fails_with_the_key_and_how_to_fix_it() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Ports.resolve("guild.kafka.port", port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + port + " (guild.kafka.port) is already in use: stop what listens there,"
                            + " choose another port with guild.kafka.port=<port>, or set guild.kafka.port=0 to pick a free port");
        }
    }

    @Test
    void a_free_port_is_kept_and_zero_picks_one() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        assertThat(Ports.resolve("guild.postgres.port", free)).isEqualTo(free);
        assertThat(Ports.resolve("guild.postgres.port", 0)).isBetween(1, 65535);
    }
}
