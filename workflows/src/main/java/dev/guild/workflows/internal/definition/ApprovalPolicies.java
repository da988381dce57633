package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.workflows.approval.ApprovalPolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads an {@link ApprovalPolicy} from a definition:
 * <pre>
 * approval:
 *   unattended: [render_template]   # on call: agent, tools that run without approval;
 *                                   # on a tool call (metadata.approval): true or false
 *   timeout: PT24H                  # ISO-8601 duration to wait for a decision (default PT24H)
 *   onTimeout: reject               # or escalate
 *   escalation: {to: team-leads, timeout: PT4H}   # with onTimeout: escalate
 *   onReject: continue              # or stop
 * </pre>
 */
public final class ApprovalPolicies {

    static final Set<String> KEYS = Set.of("unattended", "timeout", "onTimeout", "escalation", "onReject");
    /** A tool call task's default: held, 24 h, rejected on timeout, the task fails on a rejection. */
    static final ApprovalPolicy TOOL_DEFAULT = new ApprovalPolicy(List.of(), ApprovalPolicy.DEFAULT_TIMEOUT_SECONDS,
            ApprovalPolicy.REJECT, null, ApprovalPolicy.DEFAULT_TIMEOUT_SECONDS, ApprovalPolicy.STOP);

    private static final Set<String> ESCALATION_KEYS = Set.of("to", "timeout");

    /**
     * The policy, or null with problems added (paths relative to {@code path}).
     *
     * @param tool      for a tool call, its tool (then {@code unattended} is a boolean); null for an agent
     * @param knownTool checks the names listed as unattended by an agent
     */
    static ApprovalPolicy parse(JsonNode node, String path, String tool, Predicate<String> knownTool,
                                List<AgentArguments.Problem> problems) {
        if (node == null || node.isNull()) {
            return tool == null ? ApprovalPolicy.DEFAULT : TOOL_DEFAULT;
        }
        if (!node.isObject()) {
            problems.add(new AgentArguments.Problem(path, "must be an object {unattended, timeout, onTimeout, escalation,"
                    + " onReject}; got " + node));
            return null;
        }
        int before = problems.size();
        AgentArguments.unknownKeys(node, KEYS, path, problems);
        List<String> unattended = new ArrayList<>();
        JsonNode list = node.get("unattended");
        if (list != null && tool != null) {
            if (!list.isBoolean()) {
                problems.add(new AgentArguments.Problem(path + "/unattended", "on a tool call it is true or false; got " + list));
            } else if (list.asBoolean()) {
                unattended.add(tool);
            }
        } else if (list != null) {
            if (!list.isArray()) {
                problems.add(new AgentArguments.Problem(path + "/unattended", "must be a list of tool names; got " + list));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode name = list.get(i);
                    if (!name.isTextual() || !knownTool.test(name.asText())) {
                        problems.add(new AgentArguments.Problem(path + "/unattended/" + i, "unknown tool " + name));
                    } else {
                        unattended.add(name.asText());
                    }
                }
            }
        }
        long timeout = seconds(node.get("timeout"), path + "/timeout", ApprovalPolicy.DEFAULT_TIMEOUT_SECONDS, problems);
        String onTimeout = choice(node.get("onTimeout"), path + "/onTimeout",
                List.of(ApprovalPolicy.REJECT, ApprovalPolicy.ESCALATE), problems);
        // the first choice is the default: an agent is told and goes on; a tool call task fails
        String onReject = choice(node.get("onReject"), path + "/onReject", tool == null
                ? List.of(ApprovalPolicy.CONTINUE, ApprovalPolicy.STOP)
                : List.of(ApprovalPolicy.STOP, ApprovalPolicy.CONTINUE), problems);
        String escalateTo = null;
        long escalationTimeout = timeout;
        JsonNode escalation = node.get("escalation");
        if (escalation != null) {
            if (!escalation.isObject() || !escalation.path("to").isTextual() || escalation.path("to").asText().isBlank()) {
                problems.add(new AgentArguments.Problem(path + "/escalation", "must be an object {to: <who>, timeout:"
                        + " <ISO-8601 duration>} with a non-empty 'to'; got " + escalation));
            } else {
                AgentArguments.unknownKeys(escalation, ESCALATION_KEYS, path + "/escalation", problems);
                escalateTo = escalation.get("to").asText();
                escalationTimeout = seconds(escalation.get("timeout"), path + "/escalation/timeout", timeout, problems);
            }
        }
        if (ApprovalPolicy.ESCALATE.equals(onTimeout) && escalateTo == null && escalation == null) {
            problems.add(new AgentArguments.Problem(path + "/escalation", "onTimeout: escalate needs 'escalation:"
                    + " {to: <who>, timeout: <duration>}'"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ApprovalPolicy(unattended, timeout, onTimeout, escalateTo, escalationTimeout, onReject);
    }

    private static long seconds(JsonNode value, String path, long fallback, List<AgentArguments.Problem> problems) {
        if (value == null) {
            return fallback;
        }
        try {
            long seconds = Duration.parse(value.asText()).toSeconds();
            if (seconds >= 1) {
                return seconds;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(new AgentArguments.Problem(path, "must be an ISO-8601 duration of at least one second, such as"
                + " PT24H or PT30M; got " + value));
        return fallback;
    }

    private static String choice(JsonNode value, String path, List<String> allowed, List<AgentArguments.Problem> problems) {
        if (value == null) {
            return allowed.getFirst();
        }
        if (!allowed.contains(value.asText())) {
            problems.add(new AgentArguments.Problem(path, "must be one of " + allowed + "; got " + value));
            return allowed.getFirst();
        }
        return value.asText();
    }

    private ApprovalPolicies() {
    }
}
