package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.internal.definition.CompiledDefinition.Common;
import dev.guild.workflows.internal.definition.CompiledDefinition.Task;
import dev.guild.workflows.internal.expr.Jq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the task lists of a definition into {@link CompiledDefinition} tasks and reports every structural problem
 * (with its path) to a {@link Problems} sink: one piece of code serves validation (which collects all problems) and
 * the workflow (which runs only definitions that validated). Tools, schemas and agent arguments are checked by
 * {@link DefinitionValidator}, which needs the tool registry.
 */
final class TaskParser extends DefinitionReader {


    static final List<String> TYPES =
            List.of("call", "do", "emit", "for", "fork", "listen", "raise", "run", "set", "switch", "try", "wait");
    private static final Set<String> COMMON = Set.of("if", "input", "output", "export", "then", "metadata");
    private static final Map<String, Set<String>> EXTRA = Map.of(
            "call", Set.of("with"), "for", Set.of("while", "do"), "try", Set.of("catch"));
    private static final Set<String> CALLS_REFUSED = Set.of("grpc", "openapi", "asyncapi", "a2a", "mcp");
    private static final Set<String> DIRECTIVES = Set.of("continue", "exit", "end");

    private final Map<String, JsonNode> errors;

    TaskParser(Problems problems, Map<String, RetryPolicy> retries, Map<String, JsonNode> errors) {
        super(problems, retries);
        this.errors = errors;
    }

    /** A {@code do} list at {@code path}: {@code - name: {<type>: ...}} entries with unique names. */
    List<Task> list(JsonNode node, String path) {
        List<Task> tasks = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem(path, "must be a non-empty list of tasks, each '- <name>: {<type>: ...}'; got "
                    + describe(node));
            return tasks;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isObject() || item.size() != 1) {
                problem(path + "/" + i, "each task is a mapping with exactly one key, its name (- greet: {call: ...}); got "
                        + (item.isObject() ? item.size() + " keys" : item.getNodeType().toString()));
                continue;
            }
            Map.Entry<String, JsonNode> entry = item.fields().next();
            String taskPath = path + "/" + i + "/" + entry.getKey();
            if (!names.add(entry.getKey())) {
                problem(taskPath, "duplicate task name '" + entry.getKey() + "'; task names must be unique in their list");
            }
            Task task = task(entry.getKey(), entry.getValue(), taskPath);
            if (task != null) {
                tasks.add(task);
            }
        }
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            checkTarget(task.common().then(), names, task.common().reference() + "/then");
            if (task instanceof CompiledDefinition.SwitchTask s) {
                for (int c = 0; c < s.cases().size(); c++) {
                    CompiledDefinition.SwitchCase sc = s.cases().get(c);
                    checkTarget(sc.then(), names, s.common().reference() + "/switch/" + c + "/" + sc.name() + "/then");
                }
            }
        }
        return tasks;
    }

    private void checkTarget(String then, Set<String> names, String path) {
        if (then != null && !DIRECTIVES.contains(then) && !names.contains(then)) {
            problem(path, "'" + then + "' is neither a flow directive (continue, exit, end) nor a task of the same"
                    + " list; tasks here: " + new TreeSet<>(names));
        }
    }

    private Task task(String name, JsonNode body, String path) {
        if (body == null || !body.isObject()) {
            problem(path, "task '" + name + "' must be a mapping with its type, e.g. {call: render_template}; got "
                    + describe(body));
            return null;
        }
        List<String> types = new ArrayList<>();
        for (String type : TYPES) {
            if (body.has(type) && !(type.equals("do") && (body.has("for")))) {
                types.add(type);
            }
        }
        if (types.size() != 1) {
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!COMMON.contains(key) && !TYPES.contains(key) && !key.equals("with") && !key.equals("while")
                        && !key.equals("catch") && !key.equals("timeout")) {
                    problem(path + "/" + key, "unknown task type or field '" + key + "'; task types: " + TYPES);
                }
            }
            problem(path, types.isEmpty() ? "task '" + name + "' has no type; give it one of " + TYPES
                    : "task '" + name + "' has several types " + types + "; give it exactly one");
            return null;
        }
        String type = types.getFirst();
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.add(type);
        allowed.addAll(EXTRA.getOrDefault(type, Set.of()));
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equals("timeout")) {
                problem(path + "/timeout", "task timeouts are not supported by Guild's profile yet; bound the"
                        + " work instead (an agent's limits.deadline, a retry's limit.duration) or remove 'timeout'");
            } else if (!allowed.contains(key)) {
                problem(path + "/" + key, "unknown field '" + key + "' on a '" + type + "' task; allowed: "
                        + new TreeSet<>(allowed));
            }
        }
        Common common = common(name, body, path);
        String typePath = path + "/" + type;
        JsonNode value = body.get(type);
        return switch (type) {
            case "set" -> set(common, value, typePath);
            case "call" -> call(common, value, body, path);
            case "do" -> new CompiledDefinition.DoTask(common, list(value, typePath));
            case "switch" -> switchTask(common, value, typePath);
            case "for" -> forTask(common, value, body, path);
            case "fork" -> fork(common, value, typePath);
            case "try" -> tryTask(common, value, body.get("catch"), path);
            case "wait" -> waitTask(common, value, typePath);
            case "raise" -> raise(common, value, typePath);
            case "emit" -> emit(common, value, typePath);
            case "listen" -> listen(common, value, typePath);
            default -> run(common, value, typePath);
        };
    }

    private Common common(String name, JsonNode body, String path) {
        String condition = expression(body.get("if"), path + "/if", false);
        DataPart input = dataPart(body, "input", "from", path);
        DataPart output = dataPart(body, "output", "as", path);
        DataPart export = dataPart(body, "export", "as", path);
        String then = null;
        JsonNode thenNode = body.get("then");
        if (thenNode != null) {
            if (!thenNode.isTextual() || thenNode.asText().isBlank()) {
                problem(path + "/then", "must be continue, exit, end or the name of a task in the same list; got " + thenNode);
            } else {
                then = thenNode.asText();
            }
        }
        return new Common(name, path, condition, input.expression(), input.schema(), output.expression(), output.schema(),
                export.expression(), export.schema(), then);
    }






    private Task set(Common common, JsonNode value, String path) {
        if (!value.isObject() && !Jq.isExpression(value)) {
            problem(path, "must be an object or an expression ${ ... }; got " + value);
            return null;
        }
        return new CompiledDefinition.SetTask(common, template(value, path));
    }

    private Task call(Common common, JsonNode call, JsonNode body, String path) {
        JsonNode with = body.get("with");
        if (!call.isTextual() || call.asText().isBlank()) {
            problem(path + "/call", "must be 'http', 'agent' or a tool name; got " + call);
            return null;
        }
        if (with != null && !with.isObject()) {
            problem(path + "/with", "must be an object of arguments; got " + describe(with));
            return null;
        }
        JsonNode arguments = with == null ? JsonNodeFactory.instance.objectNode() : template(with, path + "/with");
        String target = call.asText();
        if (CALLS_REFUSED.contains(target)) {
            problem(path + "/call", "'call: " + target + "' is not supported by Guild's profile; use 'call: http',"
                    + " a tool by its name or 'agent'");
            return null;
        }
        if (target.equals("agent")) {
            return new CompiledDefinition.AgentTask(common, arguments);
        }
        ApprovalPolicy approval = approval(body, target.equals("http") ? HttpCall.TOOL : target, path);
        if (target.equals("http")) {
            return HttpCall.check(arguments, path + "/with", this::problem) && approval != null
                    ? new CompiledDefinition.HttpTask(common, arguments, approval) : null;
        }
        return approval == null ? null : new CompiledDefinition.ToolTask(common, target, arguments, approval);
    }

    /** The approval policy of a tool call ({@code metadata.approval}), or null with its problems reported. */
    private ApprovalPolicy approval(JsonNode body, String tool, String path) {
        List<AgentArguments.Problem> approvalProblems = new ArrayList<>();
        ApprovalPolicy policy = ApprovalPolicies.parse(body.path("metadata").get("approval"), "", tool, name -> true,
                approvalProblems);
        approvalProblems.forEach(p -> problem(path + "/metadata/approval" + p.path(), p.message()));
        return policy;
    }

    private Task switchTask(Common common, JsonNode value, String path) {
        if (!value.isArray() || value.isEmpty()) {
            problem(path, "must be a non-empty list of cases '- <name>: {when: ${...}, then: <directive>}'; got " + describe(value));
            return null;
        }
        List<CompiledDefinition.SwitchCase> cases = new ArrayList<>();
        int defaults = 0;
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject() || item.size() != 1 || !item.elements().next().isObject()) {
                problem(path + "/" + i, "each case is '- <name>: {when: ${...}, then: <directive>}'; got " + item);
                continue;
            }
            Map.Entry<String, JsonNode> entry = item.fields().next();
            String casePath = path + "/" + i + "/" + entry.getKey();
            Map<String, JsonNode> parts = parts(entry.getValue(), casePath, Set.of("when", "then"));
            String when = expression(parts.get("when"), casePath + "/when", false);
            if (parts.get("when") == null && ++defaults > 1) {
                problem(casePath, "a switch has at most one default case (a case without 'when')");
            }
            JsonNode then = parts.get("then");
            if (then == null || !then.isTextual()) {
                problem(casePath + "/then", "is required: continue, exit, end or the name of a task in the same list");
                continue;
            }
            cases.add(new CompiledDefinition.SwitchCase(entry.getKey(), when, then.asText()));
        }
        return new CompiledDefinition.SwitchTask(common, cases);
    }

    private Task forTask(Common common, JsonNode value, JsonNode body, String path) {
        Map<String, JsonNode> parts = parts(value, path + "/for", Set.of("each", "in", "at"));
        String each = variableName(parts.get("each"), "item", path + "/for/each");
        String at = variableName(parts.get("at"), "index", path + "/for/at");
        String in = expression(parts.get("in"), path + "/for/in", true);
        String whileCondition = expression(body.get("while"), path + "/while", false);
        List<Task> tasks = list(body.get("do"), path + "/do");
        return new CompiledDefinition.ForTask(common, each, at, in, whileCondition, tasks);
    }

    private String variableName(JsonNode node, String fallback, String path) {
        if (node == null) {
            return fallback;
        }
        String name = node.asText().startsWith("$") ? node.asText().substring(1) : node.asText();
        if (!node.isTextual() || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            problem(path, "must be a variable name such as 'item'; got " + node);
            return fallback;
        }
        return name;
    }

    private Task fork(Common common, JsonNode value, String path) {
        Map<String, JsonNode> parts = parts(value, path, Set.of("branches", "compete"));
        JsonNode compete = parts.get("compete");
        if (compete != null && !compete.isBoolean()) {
            problem(path + "/compete", "must be true or false; got " + compete);
        }
        List<Task> branches = list(parts.get("branches"), path + "/branches");
        return new CompiledDefinition.ForkTask(common, branches, compete != null && compete.asBoolean());
    }

    private Task tryTask(Common common, JsonNode value, JsonNode catchNode, String path) {
        List<Task> tasks = list(value, path + "/try");
        if (catchNode == null) {
            problem(path + "/catch", "is required: which errors to catch and what to do, e.g."
                    + " {errors: {with: {status: 503}}, retry: {delay: PT1S, limit: {attempt: {count: 3}}}}");
            return null;
        }
        String catchPath = path + "/catch";
        Map<String, JsonNode> parts = parts(catchNode, catchPath, Set.of("errors", "as", "when", "exceptWhen", "retry", "do"));
        Map<String, JsonNode> with = new LinkedHashMap<>();
        if (parts.get("errors") != null) {
            Map<String, JsonNode> errorParts = parts(parts.get("errors"), catchPath + "/errors", Set.of("with"));
            JsonNode filter = errorParts.get("with");
            if (filter != null) {
                parts(filter, catchPath + "/errors/with", ERROR_FIELDS).forEach(with::put);
            }
        }
        String as = variableName(parts.get("as"), "error", catchPath + "/as");
        String when = expression(parts.get("when"), catchPath + "/when", false);
        String exceptWhen = expression(parts.get("exceptWhen"), catchPath + "/exceptWhen", false);
        RetryPolicy retry = parts.get("retry") == null ? null : retry(parts.get("retry"), catchPath + "/retry");
        List<Task> handler = parts.get("do") == null ? List.of() : list(parts.get("do"), catchPath + "/do");
        return new CompiledDefinition.TryTask(common, tasks,
                new CompiledDefinition.Catch(with, as, when, exceptWhen, retry, handler));
    }



    private Task waitTask(Common common, JsonNode value, String path) {
        Duration duration = duration(value, path);
        return duration == null ? null : new CompiledDefinition.WaitTask(common, duration);
    }

    private Task raise(Common common, JsonNode value, String path) {
        Map<String, JsonNode> parts = parts(value, path, Set.of("error"));
        JsonNode error = parts.get("error");
        if (error == null) {
            problem(path + "/error", "is required: {type, status, title, detail} or the name of an error in use.errors");
            return null;
        }
        if (error.isTextual() && !Jq.isExpression(error)) {
            JsonNode named = errors.get(error.asText());
            if (named == null) {
                problem(path + "/error", "no error named '" + error.asText() + "' in use.errors; defined: "
                        + new TreeSet<>(errors.keySet()));
                return null;
            }
            return new CompiledDefinition.RaiseTask(common, named);
        }
        return errorDefinition(error, path + "/error") ? new CompiledDefinition.RaiseTask(common, template(error, path + "/error")) : null;
    }



    private Task emit(Common common, JsonNode value, String path) {
        Map<String, JsonNode> parts = parts(value, path, Set.of("event"));
        JsonNode event = parts.get("event");
        if (event == null) {
            problem(path + "/event", "is required: {with: {type, source, data, ...}}");
            return null;
        }
        Map<String, JsonNode> eventParts = parts(event, path + "/event", Set.of("with"));
        JsonNode with = eventParts.get("with");
        if (with == null || !with.isObject()) {
            problem(path + "/event/with", "is required: the event's attributes {type, source, subject, data, ...}");
            return null;
        }
        if (!with.hasNonNull("type")) {
            problem(path + "/event/with/type", "is required: the CloudEvent type, such as com.example.order.paid");
        }
        JsonNode source = with.get("source");
        if (source == null || (!Jq.isExpression(source) && !source.asText().matches("[A-Za-z][A-Za-z0-9+.-]*://.+"))) {
            problem(path + "/event/with/source", "is required: an absolute URI that says what emits the event, such as"
                    + " https://shop.example.org/orders (or an expression); got " + describe(source));
        }
        CloudEventAttributes.check(with, path + "/event/with", this::problem);
        return new CompiledDefinition.EmitTask(common, template(with, path + "/event/with"));
    }

    private Task listen(Common common, JsonNode value, String path) {
        Map<String, JsonNode> parts = parts(value, path, Set.of("to"));
        JsonNode to = parts.get("to");
        if (to == null || !to.isObject() || to.size() != 1) {
            problem(path + "/to", "is required: exactly one of {one: {with: {...}}}, {any: [...]}, {all: [...]}; got "
                    + describe(to));
            return null;
        }
        String kind = to.fieldNames().next();
        JsonNode target = to.get(kind);
        String targetPath = path + "/to/" + kind;
        List<JsonNode> filters = new ArrayList<>();
        CompiledDefinition.ListenMode mode;
        switch (kind) {
            case "one" -> {
                mode = CompiledDefinition.ListenMode.ONE;
                filter(target, targetPath, filters);
            }
            case "any", "all" -> {
                mode = kind.equals("any") ? CompiledDefinition.ListenMode.ANY : CompiledDefinition.ListenMode.ALL;
                if (!target.isArray() || target.isEmpty()) {
                    problem(targetPath, "must be a non-empty list of filters [{with: {type: ...}}, ...]; got " + describe(target));
                    return null;
                }
                for (int i = 0; i < target.size(); i++) {
                    filter(target.get(i), targetPath + "/" + i, filters);
                }
            }
            default -> {
                problem(path + "/to/" + kind, "'" + kind + "' is not supported by Guild's profile; use one, any or all");
                return null;
            }
        }
        return new CompiledDefinition.ListenTask(common, mode, filters);
    }

    private void filter(JsonNode node, String path, List<JsonNode> filters) {
        Map<String, JsonNode> parts = parts(node, path, Set.of("with"));
        JsonNode with = parts.get("with");
        if (with == null || !with.isObject() || with.isEmpty()) {
            problem(path + "/with", "is required: the attributes an event must have, e.g. {type: com.example.order.paid}");
            return;
        }
        CloudEventAttributes.check(with, path + "/with", this::problem);
        filters.add(template(with, path + "/with"));
    }

    private Task run(Common common, JsonNode value, String path) {
        if (!value.isObject() || value.size() != 1) {
            problem(path, "must be {workflow: {namespace, name, version, input}}; got " + describe(value));
            return null;
        }
        String kind = value.fieldNames().next();
        String refusal = switch (kind) {
            case "shell" -> "'run: shell' is refused: Guild does not run commands on its workers (no sandbox); call a tool that does the work";
            case "container" -> "'run: container' is refused: Guild does not start containers (no sandbox or container runtime); call a tool or an HTTP service instead";
            case "script" -> "'run: script' is refused: Guild does not run scripts on its workers (no sandbox); use jq expressions in 'set' or call a tool";
            case "workflow" -> null;
            default -> "unknown run kind '" + kind + "'; Guild's profile runs only 'run: {workflow: ...}'";
        };
        if (refusal != null) {
            problem(path + "/" + kind, refusal);
            return null;
        }
        Map<String, JsonNode> parts = parts(value.get("workflow"), path + "/workflow", Set.of("namespace", "name", "version", "input"));
        for (String key : List.of("namespace", "name")) {
            JsonNode part = parts.get(key);
            if (part == null || !part.isTextual() || part.asText().isBlank()) {
                problem(path + "/workflow/" + key, "is required: the " + key + " of the workflow to run");
            }
        }
        JsonNode version = parts.get("version");
        JsonNode input = parts.get("input") == null ? null : template(parts.get("input"), path + "/workflow/input");
        return new CompiledDefinition.RunWorkflowTask(common, parts.getOrDefault("namespace", JsonNodeFactory.instance.textNode("")).asText(),
                parts.getOrDefault("name", JsonNodeFactory.instance.textNode("")).asText(),
                version == null ? null : version.asText(), input);
    }

}
