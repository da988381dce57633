package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.guild.server.hooks.TriggersConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Merges the webhook triggers of three sources, field by field, the first that sets a field winning:
 * <ol>
 *   <li>environment variables {@code GUILD_TRIGGERS_<NAME>_WORKFLOW}, {@code _SECRET}, {@code _MAX_BODY_BYTES}: the
 *       trigger name is {@code <NAME>} in lower case with {@code _} read as {@code -} ({@code GUILD_TRIGGERS_HELLO_AGENT_SECRET}
 *       configures {@code hello-agent});</li>
 *   <li>properties {@code guild.triggers.<name>.workflow|secret|max-body-bytes} (application.properties, system
 *       properties);</li>
 *   <li>the YAML triggers file named by {@code guild.triggers-file}: a map from trigger name to
 *       {@code workflow}, {@code secret}, {@code max-body-bytes}.</li>
 * </ol>
 * A malformed variable or file stops the start with every problem listed.
 */
public final class TriggerSources {
    /** Prefix of the trigger environment variables. */
    public static final String ENV_PREFIX = "GUILD_TRIGGERS_";
    /** The environment form of {@code guild.triggers-file}, which is not a trigger. */
    static final String ENV_FILE = "GUILD_TRIGGERS_FILE";
    private static final String[] FIELDS = {"workflow", "secret", "max-body-bytes"};
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TriggerSources() {
    }

    /**
     * @param properties {@code guild.triggers.*} as Quarkus mapped them
     * @param file       the triggers file, if {@code guild.triggers-file} is set
     * @param env        the process environment ({@link System#getenv()})
     * @throws IllegalStateException listing every malformed variable, file entry or value
     */
    public static Map<String, TriggerSpec> merge(Map<String, TriggersConfig.Trigger> properties, Optional<Path> file,
                                                 Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> merged = new TreeMap<>();
        file.ifPresent(path -> readFile(path, problems).forEach((name, fields) ->
                merged.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(fields)));
        properties.forEach((name, trigger) -> {
            Map<String, String> fields = merged.computeIfAbsent(name, n -> new LinkedHashMap<>());
            trigger.workflow().ifPresent(v -> fields.put("workflow", v));
            trigger.secret().ifPresent(v -> fields.put("secret", v));
            trigger.maxBodyBytes().ifPresent(v -> fields.put("max-body-bytes", v.toString()));
        });
        readEnv(env, problems).forEach((name, fields) ->
                merged.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(fields));

        Map<String, TriggerSpec> specs = new TreeMap<>();
        merged.forEach((name, fields) -> {
            int maxBodyBytes = TriggersConfig.DEFAULT_MAX_BODY_BYTES;
            String limit = fields.get("max-body-bytes");
            if (limit != null) {
                try {
                    maxBodyBytes = Integer.parseInt(limit.trim());
                } catch (NumberFormatException e) {
                    problems.add("guild.triggers." + name + ".max-body-bytes: '" + limit
                            + "' is not a whole number of bytes; use e.g. 1048576 (1 MiB, the default)");
                }
            }
            specs.put(name, new TriggerSpec(fields.get("workflow"), fields.get("secret"), maxBodyBytes));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid webhook trigger configuration (" + problems.size()
                    + " problem(s)):\n  - " + String.join("\n  - ", problems));
        }
        return specs;
    }

    private static Map<String, Map<String, String>> readEnv(Map<String, String> env, List<String> problems) {
        Map<String, Map<String, String>> triggers = new TreeMap<>();
        new TreeMap<>(env).forEach((variable, value) -> {
            if (!variable.startsWith(ENV_PREFIX) || variable.equals(ENV_FILE)) {
                return;
            }
            String rest = variable.substring(ENV_PREFIX.length());
            for (String field : FIELDS) {
                String suffix = "_" + field.toUpperCase(Locale.ROOT).replace('-', '_');
                if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                    String name = rest.substring(0, rest.length() - suffix.length()).toLowerCase(Locale.ROOT)
                            .replace('_', '-');
                    triggers.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(field, value);
                    return;
                }
            }
            problems.add(variable + ": not a trigger setting; use " + ENV_PREFIX + "<NAME>_WORKFLOW, " + ENV_PREFIX
                    + "<NAME>_SECRET or " + ENV_PREFIX + "<NAME>_MAX_BODY_BYTES (or " + ENV_FILE
                    + " for a triggers file)");
        });
        return triggers;
    }

    private static Map<String, Map<String, String>> readFile(Path path, List<String> problems) {
        String where = "guild.triggers-file=" + path;
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path));
        } catch (IOException e) {
            problems.add(where + ": cannot be read (" + e.getMessage() + "); point it at a readable YAML file");
            return Map.of();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            problems.add(where + ": the file must be a YAML map from trigger name to {workflow, secret, max-body-bytes};"
                    + " found " + root.getNodeType());
            return Map.of();
        }
        Map<String, Map<String, String>> triggers = new TreeMap<>();
        root.properties().forEach(entry -> {
            String name = entry.getKey();
            if (!entry.getValue().isObject()) {
                problems.add(where + ": trigger '" + name + "' must be a map with workflow, secret and optionally"
                        + " max-body-bytes; found " + entry.getValue().getNodeType());
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            entry.getValue().properties().forEach(field -> {
                if (!List.of(FIELDS).contains(field.getKey())) {
                    problems.add(where + ": trigger '" + name + "' has unknown field '" + field.getKey()
                            + "'; the fields are " + List.of(FIELDS));
                } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    problems.add(where + ": trigger '" + name + "' field '" + field.getKey()
                            + "' must be a single value; found " + field.getValue().getNodeType());
                } else {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            });
            triggers.put(name, fields);
        });
        return triggers;
    }
}
