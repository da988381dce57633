package dev.guild.tools.booking;

import dev.guild.tools.testing.TestDatabase;
import dev.guild.tools.ToolDescriptor;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolRegistryException;
import dev.guild.tools.ToolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the registry says at start when the booking tools are misconfigured. */
class BookingStartupTest {

    @TempDir
    Path dir;

    private ToolRegistryException startWith(Map<String, String> settings, boolean database) {
        ToolEnvironment.Builder env = ToolEnvironment.builder(dir).settings(ToolSettings.of(settings));
        if (database) {
            env.dataSource(TestDatabase.fresh());
        }
        return catchThrowableOfType(ToolRegistryException.class,
                () -> ToolRegistry.load(getClass().getClassLoader(), env.build()));
    }

    @Test
    void a_catalog_with_problems_stops_the_start_listing_them() throws Exception {
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, "resources:\n  - {id: a, kind: desk}\n");

        ToolRegistryException e = startWith(Map.of("guild.tools.booking.catalog", catalog.toString()), true);

        assertThat(e.problems()).singleElement().asString()
                .contains(BookingToolProvider.class.getName())
                .contains("booking catalog " + catalog + " has 1 problem(s)")
                .contains("resources[0].name: required");
    }

    @Test
    void bad_settings_stop_the_start_naming_key_and_value() {
        assertThat(startWith(Map.of("guild.tools.booking.provider", "amadeus"), true).problems()).singleElement()
                .asString().contains("guild.tools.booking.provider = 'amadeus' names no booking provider; registered: [sql]");
        assertThat(startWith(Map.of("guild.tools.booking.hold-ttl", "a while"), true).problems()).singleElement()
                .asString().contains("guild.tools.booking.hold-ttl = 'a while' is not valid");
        assertThat(startWith(Map.of("guild.tools.booking.time-zone", "Atlantis"), true).problems()).singleElement()
                .asString().contains("guild.tools.booking.time-zone = 'Atlantis' is not a time zone");
    }

    /** Another provider behind the same tools: here the SQL service on its own catalog key, chosen by name. */
    public static final class SecondSiteFactory implements BookingProviderFactory {
        @Override
        public String name() {
            return "second-site";
        }

        @Override
        public BookingProvider create(dev.guild.tools.ToolEnvironment env) {
            return new dev.guild.tools.booking.internal.SqlBookingProvider(env.dataSource().orElseThrow(),
                    env.settings().path("test.second-site.catalog").orElseThrow(), java.time.Duration.ofMinutes(5),
                    env.clock());
        }
    }

    @Test
    void the_provider_is_chosen_by_name_and_the_tools_stay_the_same() throws Exception {
        Path services = dir.resolve("classes/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BookingProviderFactory.class.getName()), SecondSiteFactory.class.getName());
        Path catalog = dir.resolve("second.yaml");
        Files.writeString(catalog, "resources:\n  - {id: oslo-fjord, kind: meeting_room, name: Fjord, capacity: 6}\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (var loader = new java.net.URLClassLoader(new java.net.URL[]{dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            ToolRegistry registry = ToolRegistry.load(loader, ToolEnvironment.builder(dir).dataSource(TestDatabase.fresh())
                    .settings(ToolSettings.of(Map.of("guild.tools.booking.provider", "second-site",
                            "test.second-site.catalog", catalog.toString()))).build());

            var found = registry.invoke(new dev.guild.tools.ToolCall("search_availability", "k",
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            .put("start", "2026-12-01").put("end", "2026-12-02")));
            assertThat(found.output().get("results")).extracting(r -> r.get("resourceId").asText())
                    .containsExactly("oslo-fjord");
            assertThat(startWith(Map.of("guild.tools.booking.provider", "nope"), true).problems()).singleElement()
                    .asString().contains("registered: [sql, second-site]");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void without_a_database_the_booking_tools_are_off_and_say_why() {
        ToolRegistry registry = ToolRegistry.load(getClass().getClassLoader(), ToolEnvironment.builder(dir).build());

        assertThat(registry.names()).doesNotContain("hold_booking");
        assertThat(registry.unavailable()).singleElement().asString().contains("needs PostgreSQL");
    }

    @Test
    void a_missing_catalog_starts_empty_and_the_tools_are_what_their_descriptions_without_a_database_say() {
        ToolRegistry registry = ToolRegistry.load(getClass().getClassLoader(),
                ToolEnvironment.builder(dir).dataSource(TestDatabase.fresh()).build());
        List<ToolDescriptor> described = new BookingToolProvider().descriptors(ToolEnvironment.builder(dir).build());
        assertThat(described).extracting(ToolDescriptor::name).containsExactly("search_availability", "hold_booking",
                "confirm_booking", "cancel_booking", "list_bookings");
        assertThat(described).containsExactlyElementsOf(described.stream()
                .map(d -> ToolDescriptor.of(registry.get(d.name()))).toList());
        ToolRegistry all = ToolRegistry.describe(getClass().getClassLoader(), ToolEnvironment.builder(dir).build());
        assertThat(all.names()).containsAll(registry.names());
        for (String name : registry.names()) {
            assertThat(ToolDescriptor.of(all.get(name))).as(name).isEqualTo(ToolDescriptor.of(registry.get(name)));
        }

        assertThat(registry.names()).contains("search_availability", "hold_booking", "confirm_booking",
                "cancel_booking", "list_bookings");
        assertThat(registry.invoke(new dev.guild.tools.ToolCall("search_availability", "k",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("start", "2026-12-01").put("end", "2026-12-02"))).output().get("results")).isEmpty();
    }
}
