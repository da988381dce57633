package dev.guild.tools.research.internal;

import dev.guild.tools.http.HostResolver;
import dev.guild.tools.research.LocalWebServer;
import dev.guild.tools.research.ResearchSettings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fetch_url} connects only to the address its policy checked, whatever a later DNS answer says. */
class SafeFetcherRebindingTest {

    private static final ResearchSettings.FetchSettings SETTINGS =
            new ResearchSettings.FetchSettings(Set.of(), Duration.ofSeconds(5), 1 << 20, 3, 10_000);

    @Test
    void a_name_that_turns_loopback_after_the_check_is_refused_at_connect_time() {
        AtomicInteger served = new AtomicInteger();
        List<String> lookups = new CopyOnWriteArrayList<>();
        HostResolver rebinding = host -> {
            lookups.add(host);
            byte[] address = lookups.size() == 1 ? new byte[]{93, (byte) 184, (byte) 215, 14} : new byte[]{127, 0, 0, 1};
            return new InetAddress[]{InetAddress.getByAddress(host, address)};
        };
        try (LocalWebServer web = new LocalWebServer().on("/page", exchange -> {
            served.incrementAndGet();
            LocalWebServer.send(exchange, 200, "text/plain", "internal secret");
        })) {
            int port = URI.create(web.url("/")).getPort();
            SafeFetcher fetcher = new SafeFetcher(SETTINGS, rebinding);

            assertThatThrownBy(() -> fetcher.fetch("http://rebind.example:" + port + "/page"))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessageContaining("'rebind.example' resolves to 127.0.0.1, a loopback address");
            assertThat(lookups).hasSize(2);
            assertThat(served).hasValue(0);
        }
    }

    @Test
    void an_allowlisted_name_is_fetched_from_the_address_the_policy_resolved() {
        HostResolver resolver = host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        try (LocalWebServer web = new LocalWebServer().on("/page", exchange ->
                LocalWebServer.send(exchange, 200, "text/plain", "host " + exchange.getRequestHeaders().getFirst("Host")))) {
            int port = URI.create(web.url("/")).getPort();
            ResearchSettings.FetchSettings allowing = new ResearchSettings.FetchSettings(
                    Set.of("intranet.example"), Duration.ofSeconds(5), 1 << 20, 3, 10_000);

            SafeFetcher.Fetched fetched = new SafeFetcher(allowing, resolver).fetch("http://intranet.example:" + port + "/page");

            assertThat(new String(fetched.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("host intranet.example:" + port);
        }
    }
}
