package dev.guild.tools.booking.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.guild.tools.booking.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the booking catalog (YAML or JSON; YAML is a superset) and checks it, reporting every problem with its
 * path at once ({@code resources[2].capacity: ...}). docs/tools.md describes the format.
 */
public final class CatalogLoader {

    /** Largest catalog file read. */
    public static final long MAX_BYTES = 4L << 20;
    /** Most units of one resource. */
    public static final int MAX_UNITS = 10_000;

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Set<String> FIELDS = Set.of("id", "kind", "name", "units", "capacity", "timeZone", "location",
            "attributes", "schedule");

    /** The problems of a catalog, each with its path. */
    public static final class CatalogException extends IllegalArgumentException {
        private final List<String> problems;

        CatalogException(String source, List<String> problems) {
            super("booking catalog " + source + " has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems) + "\nFix the file; docs/tools.md (Booking) describes the format.");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The resources in {@code file}; a missing file is an empty catalog. */
    public static List<Resource> load(Path file) throws IOException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new CatalogException(file.toString(), List.of("the file has " + size + " bytes, more than "
                        + MAX_BYTES + "; split it or remove resources"));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return parse(file.toString(), bytes);
    }

    /** The resources in {@code text} (YAML or JSON) from {@code source} (for messages). */
    public static List<Resource> parse(String source, byte[] text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CatalogException(source, List.of("not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr())));
        } catch (IOException e) {
            throw new CatalogException(source, List.of("cannot be read: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.path("resources");
        if (!root.isObject() || !list.isArray()) {
            throw new CatalogException(source, List.of("the top level must be an object with a list 'resources:'"));
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("resources")) {
                problems.add(f + ": unknown top-level key; the only one is 'resources'");
            }
        });
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "resources[" + i + "]";
            Resource resource = resource(list.get(i), path, problems);
            if (resource != null && !ids.add(resource.id())) {
                problems.add(path + ".id: '" + resource.id() + "' is used by an earlier resource; ids must be unique");
            } else if (resource != null) {
                resources.add(resource);
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(source, problems);
        }
        return List.copyOf(resources);
    }

    private static Resource resource(JsonNode node, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": must be an object with id, kind, name, units, capacity; got " + node.getNodeType());
            return null;
        }
        int before = problems.size();
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add(path + "." + f + ": unknown key; known keys are " + new java.util.TreeSet<>(FIELDS));
            }
        });
        String id = text(node, "id", path, ID, "lower-case letters, digits, '.', '_', '-' such as berlin-room-spree", problems);
        String kind = text(node, "kind", path, KIND, "a lower-case word such as meeting_room, desk, hotel_room, travel_fare", problems);
        String name = text(node, "name", path, Pattern.compile("(?s).{1,200}"), "1 to 200 characters", problems);
        int units = number(node, "units", path, 1, 1, MAX_UNITS, problems);
        int capacity = number(node, "capacity", path, 1, 1, 10_000, problems);
        ZoneId zone = ZoneId.of("UTC");
        if (node.has("timeZone")) {
            try {
                zone = ZoneId.of(node.get("timeZone").asText());
            } catch (DateTimeException e) {
                problems.add(path + ".timeZone: '" + node.get("timeZone").asText()
                        + "' is not a time zone; write a region id such as Europe/Berlin or UTC");
            }
        }
        String location = node.path("location").isTextual() ? node.get("location").asText() : "";
        if (node.has("location") && !node.get("location").isTextual()) {
            problems.add(path + ".location: must be text such as 'Alexanderplatz 1, Berlin'");
        }
        Map<String, JsonNode> attributes = attributes(node.path("attributes"), path + ".attributes", problems);
        Optional<Resource.Period> schedule = Optional.empty();
        if (node.has("schedule")) {
            schedule = schedule(node.get("schedule"), path + ".schedule", problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new Resource(id, kind, name, units, capacity, zone, location, attributes, schedule);
    }

    private static String text(JsonNode node, String field, String path, Pattern pattern, String expected,
                               List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            problems.add(path + "." + field + ": required; write " + expected);
            return null;
        }
        String text = value.asText();
        if (!pattern.matcher(text).matches()) {
            problems.add(path + "." + field + ": '" + text + "' is not valid; write " + expected);
        }
        return text;
    }

    private static int number(JsonNode node, String field, String path, int defaultValue, int min, int max,
                              List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            problems.add(path + "." + field + ": must be a whole number from " + min + " to " + max + "; got " + value);
            return defaultValue;
        }
        return value.asInt();
    }

    private static Map<String, JsonNode> attributes(JsonNode node, String path, List<String> problems) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return attributes;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be a map of name to value, such as {city: Berlin, projector: true}");
            return attributes;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            boolean scalar = value.isTextual() || value.isNumber() || value.isBoolean();
            boolean list = value.isArray() && value.size() > 0;
            if (list) {
                for (JsonNode item : value) {
                    list &= item.isTextual() || item.isNumber() || item.isBoolean();
                }
            }
            if (!scalar && !list) {
                problems.add(path + "." + entry.getKey() + ": must be text, a number, true/false or a list of those;"
                        + " got " + value);
            } else {
                attributes.put(entry.getKey(), value);
            }
        }
        return attributes;
    }

    private static Optional<Resource.Period> schedule(JsonNode node, String path, List<String> problems) {
        Instant start = instant(node.get("start"), path + ".start", problems);
        Instant end = instant(node.get("end"), path + ".end", problems);
        if (start == null || end == null) {
            return Optional.empty();
        }
        if (!start.isBefore(end)) {
            problems.add(path + ": start must be before end; got " + node.get("start").asText() + " and "
                    + node.get("end").asText());
            return Optional.empty();
        }
        return Optional.of(new Resource.Period(start, end));
    }

    private static Instant instant(JsonNode value, String path, List<String> problems) {
        if (value == null || !value.isTextual()) {
            problems.add(path + ": required; write a date-time with offset such as 2026-12-01T07:00:00+01:00");
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(path + ": '" + value.asText()
                    + "' is not a date-time with offset; write it like 2026-12-01T07:00:00+01:00");
            return null;
        }
    }

    private CatalogLoader() {
    }
}
