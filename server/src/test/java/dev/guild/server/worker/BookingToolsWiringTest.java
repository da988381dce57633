package dev.guild.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.embedded.GuildServices;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform gives the tools their environment: the booking tables come from the tools jar's migrations (applied
 * by the platform's Flyway), the booking tools use the platform's PostgreSQL, invites land in the artifact store
 * under the data directory, and {@code guild.tools.booking.catalog} is read from the configuration.
 */
@QuarkusTest
class BookingToolsWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ToolRegistry tools;

    @Inject
    GuildServices services;

    @Inject
    DataSource dataSource;

    private JsonNode ok(String tool, String key, String arguments) throws Exception {
        ToolResult result = tools.invoke(new ToolCall(tool, key, JSON.readTree(arguments)));
        assertThat(result.ok()).as("%s: %s", tool, result).isTrue();
        return result.output();
    }

    @Test
    void a_room_is_searched_held_and_confirmed_on_the_platform_database() throws Exception {
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
        String run = "wiring-" + UUID.randomUUID();

        JsonNode found = ok("search_availability", run + "/1", """
                {"kind": "meeting_room", "attributes": {"projector": true}, "start": "%sT09:00:00Z", "end": "%sT10:00:00Z"}"""
                .formatted(day, day));
        String resource = found.get("results").get(0).get("resourceId").asText();
        String booking = ok("hold_booking", run + "/2", """
                {"resourceId": "%s", "start": "%sT09:00:00Z", "end": "%sT10:00:00Z", "principal": "ada@example.com"}"""
                .formatted(resource, day, day)).get("bookingId").asText();
        JsonNode confirmed = ok("confirm_booking", run + "/3", "{\"bookingId\": \"" + booking + "\"}");

        assertThat(resource).isEqualTo("berlin-spree");
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        String sha = confirmed.get("inviteUri").asText().replaceFirst("artifact://([0-9a-f]{64})/.*", "$1");
        assertThat(Files.readString(services.dataDir().resolve("artifacts").resolve("blobs").resolve(sha)))
                .startsWith("BEGIN:VCALENDAR\r\n").contains("UID:" + booking + "@guild.booking");
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("SELECT status FROM booking WHERE id = '" + booking + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("confirmed");
        }
        assertThat(tools.get("confirm_booking").compensation().orElseThrow().tool()).isEqualTo("cancel_booking");
        assertThat(Path.of("../examples/booking/catalog.yaml")).exists();
    }
}
