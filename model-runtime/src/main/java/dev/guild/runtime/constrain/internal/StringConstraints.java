package dev.guild.runtime.constrain.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.runtime.constrain.UnsupportedSchemaException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String keywords as a {@link JsonString} terminal: {@code minLength}, {@code maxLength} and the
 * simple patterns {@code ^[class]*$}, {@code ^[class]+$}, {@code ^[class]{m,n}$} over ASCII
 * characters (ranges like {@code a-z} and single characters, {@code \d}, {@code \w}).
 */
final class StringConstraints {
    private static final Pattern SIMPLE = Pattern.compile("\\^\\[([^\\]]+)](\\*|\\+|\\{(\\d+)(?:,(\\d*))?})\\$");

    private StringConstraints() {
    }

    static JsonString of(JsonNode schema, String path) {
        int min = schema.path("minLength").asInt(0);
        int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : JsonString.UNBOUNDED;
        boolean[] allowed = null;
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            Matcher m = SIMPLE.matcher(pattern);
            if (!m.matches()) {
                throw new UnsupportedSchemaException("pattern", path + "/pattern", "only simple patterns of the form"
                        + " ^[class]*$, ^[class]+$ or ^[class]{m,n}$ are supported, not '" + pattern + "'");
            }
            allowed = characterClass(m.group(1), pattern, path);
            if (m.group(2).equals("+")) {
                min = Math.max(min, 1);
            } else if (m.group(3) != null) {
                min = Math.max(min, Integer.parseInt(m.group(3)));
                String upper = m.group(4);
                int top = upper == null ? Integer.parseInt(m.group(3)) : upper.isEmpty() ? max : Integer.parseInt(upper);
                max = Math.min(max, top);
            }
        }
        if (min < 0 || max < 0) {
            throw new UnsupportedSchemaException("minLength", path, "lengths must not be negative");
        }
        if (min > max) {
            throw new UnsupportedSchemaException("minLength", path + "/minLength", "minLength " + min
                    + " is above maxLength " + max + ", so no string satisfies the schema");
        }
        return new JsonString(min, max, allowed);
    }

    private static boolean[] characterClass(String body, String pattern, String path) {
        boolean[] allowed = new boolean[128];
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                switch (e) {
                    case 'd' -> range(allowed, '0', '9');
                    case 'w' -> {
                        range(allowed, 'a', 'z');
                        range(allowed, 'A', 'Z');
                        range(allowed, '0', '9');
                        allowed['_'] = true;
                    }
                    default -> {
                        if (e >= 128 || Character.isLetterOrDigit(e)) {
                            throw new UnsupportedSchemaException("pattern", path + "/pattern",
                                    "escape \\" + e + " in '" + pattern + "' is not supported");
                        }
                        allowed[e] = true;
                    }
                }
            } else if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                range(allowed, c, body.charAt(i + 2));
                i += 2;
            } else if (c < 128 && c != '^') {
                allowed[c] = true;
            } else {
                throw new UnsupportedSchemaException("pattern", path + "/pattern", "character '" + c + "' in '"
                        + pattern + "' is not supported (ASCII classes only, no negation)");
            }
        }
        allowed['"'] = false;
        allowed['\\'] = false;
        for (int c = 0; c < 0x20; c++) {
            allowed[c] = false;
        }
        return allowed;
    }

    private static void range(boolean[] allowed, char from, char to) {
        for (char c = from; c <= to && c < 128; c++) {
            allowed[c] = true;
        }
    }
}
