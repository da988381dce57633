package dev.guild.server.worker.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.embedded.internal.Ports;
import dev.guild.server.worker.ToolsConfig;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code guild.tools.http-request.allowed-hosts}: loopback is refused by default and reachable only when listed. */
class ConfiguredToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ToolsConfig.HttpRequest allowing(List<String> hosts) {
        return () -> hosts.isEmpty() ? Optional.empty() : Optional.of(hosts);
    }

    private static ToolCall postToLoopback(int port) throws Exception {
        return new ToolCall("http_request", "run-1/7", JSON.readTree(
                "{\"method\":\"POST\",\"url\":\"http://127.0.0.1:" + port + "/book\",\"body\":\"{}\"}"));
    }

    @Test
    void http_request_refuses_loopback_when_no_host_is_allowed() throws Exception {
        ToolRegistry loaded = ToolRegistry.load(getClass().getClassLoader());
        ToolRegistry tools = ConfiguredTools.apply(allowing(List.of()), loaded);

        ToolResult result = tools.invoke(postToLoopback(Ports.freePort()));

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("127.0.0.1").contains("loopback").contains("refused");
        assertThat(tools.names()).isEqualTo(loaded.names());
    }

    @Test
    void http_request_reaches_an_allowed_loopback_host() throws Exception {
        ToolRegistry loaded = ToolRegistry.load(getClass().getClassLoader());
        ToolRegistry tools = ConfiguredTools.apply(allowing(List.of("127.0.0.1")), loaded);
        int closedPort = Ports.freePort();

        // Past the address policy: nothing listens there, so the call fails as a retryable connection fault.
        assertThatThrownBy(() -> tools.invoke(postToLoopback(closedPort)))
                .isInstanceOf(ToolUnavailableException.class).hasMessageContaining("cannot connect to 127.0.0.1");
        assertThat(tools.names()).as("same tools, same order").isEqualTo(loaded.names());
    }
}
