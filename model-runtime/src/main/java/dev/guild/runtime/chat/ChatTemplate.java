package dev.guild.runtime.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.chat.internal.JinjaFunctions;
import dev.guild.runtime.chat.internal.JinjaRenderer;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A model's Jinja chat template, rendered the way Hugging Face's {@code apply_chat_template} does.
 * Thread-safe once built.
 *
 * <p>Tool-call arguments (a JSON string in the OpenAI API) reach the template as an object when the
 * template serialises them itself ({@code arguments | tojson}), and as the original string otherwise,
 * the convention templates are written for.
 */
public final class ChatTemplate {
    private static final Pattern OBJECT_ARGUMENTS = Pattern.compile("arguments\\s*\\|\\s*tojson");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final String bosToken;
    private final String eosToken;
    private final Clock clock;
    private final boolean objectArguments;
    private final JinjaRenderer renderer;

    private ChatTemplate(String source, String bosToken, String eosToken, Clock clock) {
        this.source = source;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.clock = clock;
        this.objectArguments = OBJECT_ARGUMENTS.matcher(source).find();
        this.renderer = new JinjaRenderer(source);
    }

    /**
     * @param source   the Jinja source ({@code tokenizer.chat_template})
     * @param bosToken text of the beginning-of-sequence token ({@code bos_token} in the template)
     * @param eosToken text of the end-of-sequence token ({@code eos_token})
     */
    public static ChatTemplate of(String source, String bosToken, String eosToken) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("chat template is empty; use ChatTemplates.fallback(family) instead");
        }
        return new ChatTemplate(source, bosToken, eosToken, Clock.systemUTC());
    }

    /** The same template with {@code strftime_now} reading {@code clock} (for reproducible prompts). */
    public ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(source, bosToken, eosToken, clock);
    }

    public String source() {
        return source;
    }

    /**
     * Renders the prompt.
     *
     * @throws ChatTemplateException when the template rejects the conversation ({@code raise_exception})
     *                               or fails; the message says which
     */
    public String render(ChatPrompt prompt) {
        Map<String, Object> context = new HashMap<>(prompt.extraVariables());
        context.put("messages", messages(prompt.messages()));
        if (!prompt.tools().isEmpty()) {
            context.put("tools", tools(prompt.tools()));
        }
        context.put("add_generation_prompt", prompt.addGenerationPrompt());
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        context.put(JinjaFunctions.NOW_VARIABLE, ZonedDateTime.now(clock));
        return renderer.render(context);
    }

    private List<Object> messages(List<ChatMessage> messages) {
        List<Object> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content().orElse(null));
            if (!m.toolCalls().isEmpty()) {
                List<Object> calls = new ArrayList<>();
                for (ToolCall call : m.toolCalls()) {
                    Map<String, Object> function = new LinkedHashMap<>();
                    function.put("name", call.name());
                    function.put("arguments", objectArguments ? argumentsObject(call) : call.arguments());
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("id", call.id());
                    c.put("type", "function");
                    c.put("function", function);
                    calls.add(c);
                }
                map.put("tool_calls", calls);
            }
            m.toolCallId().ifPresent(id -> map.put("tool_call_id", id));
            m.name().ifPresent(name -> map.put("name", name));
            out.add(map);
        }
        return out;
    }

    private static Object argumentsObject(ToolCall call) {
        try {
            JsonNode node = JSON.readTree(call.arguments());
            return node != null && node.isObject() ? plain(node) : call.arguments();
        } catch (java.io.IOException e) {
            return call.arguments();
        }
    }

    private static List<Object> tools(List<ToolDefinition> tools) {
        List<Object> out = new ArrayList<>();
        for (ToolDefinition t : tools) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", t.name());
            t.description().ifPresent(d -> function.put("description", d));
            function.put("parameters", plain(t.parameters()));
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("type", "function");
            tool.put("function", function);
            out.add(tool);
        }
        return out;
    }

    /** A JSON tree as plain maps, lists, strings, numbers, booleans and nulls (key order kept). */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
