package dev.guild.server.hooks.internal;

import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The configured triggers, validated once at start: a bad trigger stops the start with every problem listed. */
public final class TriggerRegistry {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TriggerRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /** One usable trigger; {@code workflow} is the version loaded at start (see {@link #current}). */
    public record Trigger(String name, WorkflowDefinition workflow, int maxBodyBytes, SignatureVerifier verifier) {
    }

    private final Map<String, Trigger> triggers;
    private final WorkflowCatalog workflows;
    private final Map<String, WorkflowDefinition> lastKnown = new java.util.concurrent.ConcurrentHashMap<>();

    private TriggerRegistry(Map<String, Trigger> triggers, WorkflowCatalog workflows) {
        this.triggers = triggers;
        this.workflows = workflows;
    }

    /**
     * @throws IllegalStateException listing every invalid setting, with its property name and the fix
     */
    public static TriggerRegistry create(Map<String, TriggerSpec> config, WorkflowCatalog workflows,
                                         Clock clock, Duration tolerance) {
        List<String> problems = new ArrayList<>();
        Map<String, Trigger> triggers = new TreeMap<>();
        config.forEach((name, t) -> {
            String prefix = "guild.triggers." + name;
            int before = problems.size();
            if (!NAME.matcher(name).matches()) {
                problems.add(prefix + ": trigger name '" + name + "' must match " + NAME.pattern()
                        + " (it is a URL path segment); rename it");
            }
            if (t.workflow() == null) {
                problems.add(missing(name, "workflow"));
            } else if (!workflows.names().contains(t.workflow())) {
                problems.add(prefix + ".workflow: no workflow definition named '" + t.workflow() + "' is loaded"
                        + " (loaded: " + new TreeSet<>(workflows.names())
                        + "); name one of them or add the definition");
            }
            if (t.secret() == null) {
                problems.add(missing(name, "secret"));
            } else {
                checkSecret(prefix + ".secret", t.secret(), problems);
            }
            if (t.maxBodyBytes() < 1 || t.maxBodyBytes() > 64 * 1024 * 1024) {
                problems.add(prefix + ".max-body-bytes: " + t.maxBodyBytes()
                        + " is out of range; use 1..67108864 (default 1048576 = 1 MiB)");
            }
            if (problems.size() == before) {
                triggers.put(name, new Trigger(name, workflows.find(t.workflow()).orElseThrow(), t.maxBodyBytes(),
                        new SignatureVerifier(t.secret(), clock, tolerance)));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid webhook trigger configuration (" + problems.size()
                    + " problem(s)):\n  - " + String.join("\n  - ", problems));
        }
        return new TriggerRegistry(java.util.Collections.unmodifiableMap(triggers), workflows);
    }

    private static String missing(String name, String field) {
        return "guild.triggers." + name + "." + field + ": not set; set it as this property, as the environment"
                + " variable " + TriggerSources.ENV_PREFIX + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
                + "_" + field.toUpperCase(java.util.Locale.ROOT) + ", or as '" + field + "' of trigger '" + name
                + "' in the guild.triggers-file";
    }

    private static void checkSecret(String property, String secret, List<String> problems) {
        String fix = "; generate one with: echo whsec_$(head -c 32 /dev/urandom | base64)";
        if (!secret.startsWith("whsec_")) {
            problems.add(property + ": the secret must start with 'whsec_' (Standard Webhooks format)" + fix);
            return;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
            if (length < 24 || length > 64) {
                problems.add(property + ": the secret decodes to " + length + " bytes; 24 to 64 are required" + fix);
            }
        } catch (IllegalArgumentException e) {
            problems.add(property + ": the part after 'whsec_' is not base64 (" + e.getMessage() + ")" + fix);
        }
    }

    /**
     * The newest stored version of the trigger's workflow, which validates a delivery and which the delivery is pinned
     * to; when the catalog cannot be read (PostgreSQL down), the newest version seen before (or loaded at start).
     */
    public WorkflowDefinition current(Trigger trigger) {
        String name = trigger.workflow().name();
        try {
            WorkflowDefinition newest = workflows.find(name).orElse(trigger.workflow());
            lastKnown.put(name, newest);
            return newest;
        } catch (RuntimeException e) {
            // the edge keeps accepting while the version store is unreachable: the newest version it saw validates
            WorkflowDefinition known = lastKnown.getOrDefault(name, trigger.workflow());
            LOG.warnf("workflow versions of '%s' cannot be read (%s); validating with the last known version %s",
                    name, e.getMessage(), known.hash());
            return known;
        }
    }

    public Optional<Trigger> find(String name) {
        return Optional.ofNullable(triggers.get(name));
    }

    /** Names of all triggers, sorted. */
    public List<String> names() {
        return List.copyOf(triggers.keySet());
    }
}
