package dev.guild.server.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTest {

    @ParameterizedTest
    @CsvSource({"localhost:7233,localhost,7233", "10.0.0.1:1,10.0.0.1,1", "' [::1]:65535 ',::1,65535"})
    void parses_host_and_port(String text, String host, int port) {
        HostPort parsed = HostPort.parse(text);
        assertThat(parsed.host()).isEqualTo(host);
        assertThat(parsed.port()).isEqualTo(port);
        assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "localhost:", ":7233", "localhost:0", "localhost:65536", "host:abc",
            "::1:7233", "my host:7233"})
    void rejects_what_is_not_host_port_and_names_the_value(String text) {
        assertThatThrownBy(() -> HostPort.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
