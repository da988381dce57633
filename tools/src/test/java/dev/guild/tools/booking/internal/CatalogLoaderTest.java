package dev.guild.tools.booking.internal;

import dev.guild.tools.booking.Resource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CatalogLoaderTest {

    private static CatalogLoader.CatalogException problems(String yaml) {
        return catchThrowableOfType(CatalogLoader.CatalogException.class,
                () -> CatalogLoader.parse("catalog.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void the_example_catalog_loads() throws Exception {
        List<Resource> resources = CatalogLoader.load(Path.of("../examples/booking/catalog.yaml"));

        assertThat(resources).extracting(Resource::kind).contains("meeting_room", "desk", "hotel_room", "travel_fare");
        Resource fare = resources.stream().filter(r -> r.kind().equals("travel_fare")).findFirst().orElseThrow();
        assertThat(fare.schedule()).isPresent();
        assertThat(fare.units()).isEqualTo(30);
        assertThat(fare.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void json_works_too_and_a_missing_file_is_an_empty_catalog() throws Exception {
        List<Resource> resources = CatalogLoader.parse("c.json",
                "{\"resources\": [{\"id\": \"r1\", \"kind\": \"desk\", \"name\": \"Desk\", \"units\": 3}]}".getBytes(StandardCharsets.UTF_8));

        assertThat(resources).singleElement().satisfies(r -> {
            assertThat(r.units()).isEqualTo(3);
            assertThat(r.capacity()).isEqualTo(1);
            assertThat(r.timeZone()).isEqualTo(ZoneId.of("UTC"));
        });
        assertThat(CatalogLoader.load(Path.of("no-such-catalog.yaml"))).isEmpty();
    }

    @Test
    void every_problem_is_reported_with_its_path() {
        CatalogLoader.CatalogException e = problems("""
                resources:
                  - id: Room A
                    kind: meeting room
                    name: A
                    capacity: eight
                    colour: blue
                  - id: b
                    kind: desk
                    units: 0
                    timeZone: Mars/Olympus
                    attributes: {floor: {level: 3}}
                  - id: fare
                    kind: travel_fare
                    name: F
                    schedule: {start: "2026-12-01T08:00:00+01:00", end: "2026-12-01T07:00:00+01:00"}
                  - id: dup
                    kind: desk
                    name: D
                  - id: dup
                    kind: desk
                    name: D2
                """);

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "resources[0].colour: unknown key; known keys are [attributes, capacity, id, kind, location, name, schedule, timeZone, units]",
                "resources[0].id: 'Room A' is not valid; write lower-case letters, digits, '.', '_', '-' such as berlin-room-spree",
                "resources[0].kind: 'meeting room' is not valid; write a lower-case word such as meeting_room, desk, hotel_room, travel_fare",
                "resources[0].capacity: must be a whole number from 1 to 10000; got \"eight\"",
                "resources[1].name: required; write 1 to 200 characters",
                "resources[1].units: must be a whole number from 1 to 10000; got 0",
                "resources[1].timeZone: 'Mars/Olympus' is not a time zone; write a region id such as Europe/Berlin or UTC",
                "resources[1].attributes.floor: must be text, a number, true/false or a list of those; got {\"level\":3}",
                "resources[2].schedule: start must be before end; got 2026-12-01T08:00:00+01:00 and 2026-12-01T07:00:00+01:00",
                "resources[4].id: 'dup' is used by an earlier resource; ids must be unique");
        assertThat(e.getMessage()).startsWith("booking catalog catalog.yaml has 10 problem(s):")
                .endsWith("Fix the file; docs/tools.md (Booking) describes the format.");
    }

    @Test
    void broken_files_say_where() {
        assertThat(problems("resources:\n  - id: a\n   kind: [desk\n").problems().getFirst())
                .startsWith("not valid YAML or JSON").contains("line");
        assertThat(problems("- just a list").problems())
                .containsExactly("the top level must be an object with a list 'resources:'");
        assertThat(problems("resources: []\nrooms: []").problems())
                .containsExactly("rooms: unknown top-level key; the only one is 'resources'");
    }
}
