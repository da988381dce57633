package dev.guild.tools.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code render_template}: fills {@code {{name}}} placeholders (dotted paths into nested objects allowed) with
 * values. Strings are inserted as they are, other values as JSON. A placeholder without a value is an error that
 * names it; nothing is guessed. No side effects.
 */
public final class RenderTemplateTool extends TypedTool<RenderTemplateTool.Input, RenderTemplateTool.Output> {

    /** Longest template accepted, in characters. */
    public static final int MAX_TEMPLATE_CHARS = 100_000;
    /** Longest rendered text produced, in characters. */
    public static final int MAX_OUTPUT_CHARS = 1_000_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)\\s*}}");

    public record Input(
            @JsonProperty("template")
            @ToolParam(value = "Text with {{placeholders}}; a placeholder is a value name or a dotted path such as {{user.name}}",
                    minLength = 1, maxLength = MAX_TEMPLATE_CHARS)
            String template,
            @JsonProperty("values")
            @ToolParam(value = "Values by name; nested objects are reached with dotted paths")
            Map<String, JsonNode> values) {
    }

    public record Output(
            @JsonProperty("text") @ToolParam("The rendered text") String text,
            @JsonProperty("placeholders") @ToolParam("How many placeholders were filled") int placeholders) {
    }

    public RenderTemplateTool() {
        super("render_template",
                "Renders a text template: replaces each {{name}} or {{a.b}} placeholder with the value of that name"
                        + " from 'values'. Returns {text, placeholders}. Use it to produce messages, greetings or"
                        + " reports with an exact layout. Fails, naming them, when placeholders have no value.",
                Input.class, Output.class, false);
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        Matcher matcher = PLACEHOLDER.matcher(input.template());
        StringBuilder out = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        int filled = 0;
        while (matcher.find()) {
            String path = matcher.group(1);
            JsonNode value = lookup(input.values(), path);
            if (value == null || value.isMissingNode()) {
                missing.add(path);
                matcher.appendReplacement(out, "");
                continue;
            }
            filled++;
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.isTextual() ? value.asText() : value.toString()));
            if (out.length() > MAX_OUTPUT_CHARS) {
                return ToolResult.error("the rendered text exceeds " + MAX_OUTPUT_CHARS
                        + " characters; shorten the template or the values");
            }
        }
        if (!missing.isEmpty()) {
            List<String> available = new ArrayList<>(input.values().keySet());
            return ToolResult.error("no value for placeholder(s) " + missing + "; add them to 'values' (given: "
                    + available + ") or remove them from the template");
        }
        matcher.appendTail(out);
        return ok(new Output(out.toString(), filled));
    }

    private static JsonNode lookup(Map<String, JsonNode> values, String path) {
        String[] parts = path.split("\\.");
        JsonNode node = values.get(parts[0]);
        for (int i = 1; i < parts.length && node != null; i++) {
            node = node.isArray() && parts[i].chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
        }
        return node == null || node.isNull() ? null : node;
    }
}
