package dev.guild.runtime.chat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.chat.ToolCallFormat;

import java.util.ArrayList;
import java.util.List;

/** Turns the body of one tool-call marker into calls, per format. */
public abstract class CallDecoder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String DS_SEP = "<｜tool▁sep｜>";

    /** One decoded call: the name and the arguments as compact JSON object text. */
    public record NameAndArguments(String name, String arguments) {
    }

    /** Calls, or an error message (then calls is empty). */
    public record Result(List<NameAndArguments> calls, String error) {
        static Result error(String message) {
            return new Result(List.of(), message);
        }
    }

    public abstract CallScanner.Syntax syntax();

    public abstract Result decode(String body);

    public static CallDecoder forFormat(ToolCallFormat format) {
        return switch (format) {
            case HERMES -> json(new CallScanner.Syntax("<tool_call>", "</tool_call>", List.of(), false), false);
            case GRANITE -> json(new CallScanner.Syntax("<|tool_call|>", null, List.of(), false), true);
            case MISTRAL -> json(new CallScanner.Syntax("[TOOL_CALLS]", null, List.of(), false), true);
            case LLAMA3_JSON -> json(new CallScanner.Syntax("<|python_tag|>", null, List.of(), true), false);
            case DEEPSEEK -> new CallDecoder() {
                @Override
                public CallScanner.Syntax syntax() {
                    return new CallScanner.Syntax("<｜tool▁call▁begin｜>", "<｜tool▁call▁end｜>",
                            List.of("<｜tool▁calls▁begin｜>", "<｜tool▁calls▁end｜>"), false);
                }

                @Override
                public Result decode(String body) {
                    return deepSeek(body);
                }
            };
        };
    }

    private static CallDecoder json(CallScanner.Syntax syntax, boolean listAllowed) {
        return new CallDecoder() {
            @Override
            public CallScanner.Syntax syntax() {
                return syntax;
            }

            @Override
            public Result decode(String body) {
                return fromJson(body, listAllowed);
            }
        };
    }

    static Result fromJson(String body, boolean listAllowed) {
        JsonNode node;
        try {
            node = JSON.readTree(body.strip());
        } catch (JsonProcessingException e) {
            return Result.error("malformed JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || node.isMissingNode()) {
            return Result.error("empty tool call");
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray() && listAllowed) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        List<NameAndArguments> calls = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                return Result.error("expected a JSON object {\"name\": ..., \"arguments\": {...}} but found "
                        + item.getNodeType().name().toLowerCase());
            }
            JsonNode name = item.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                return Result.error("missing or non-string \"name\"");
            }
            JsonNode args = item.has("arguments") ? item.get("arguments") : item.get("parameters");
            Result arguments = arguments(name.asText(), args);
            if (arguments.error() != null) {
                return arguments;
            }
            calls.addAll(arguments.calls());
        }
        return new Result(calls, null);
    }

    private static Result arguments(String name, JsonNode args) {
        if (args == null || args.isNull()) {
            return new Result(List.of(new NameAndArguments(name, "{}")), null);
        }
        JsonNode object = args;
        if (args.isTextual()) {
            try {
                object = JSON.readTree(args.asText());
            } catch (JsonProcessingException e) {
                return Result.error("\"arguments\" of " + name + " is a string that is not JSON ("
                        + e.getOriginalMessage() + ")");
            }
        }
        if (object == null || !object.isObject()) {
            return Result.error("\"arguments\" of " + name + " is not a JSON object");
        }
        return new Result(List.of(new NameAndArguments(name, object.toString())), null);
    }

    /** {@code function<sep>NAME\n```json\nARGS\n```} (V3) or {@code NAME<sep>ARGS} (V3.1). */
    static Result deepSeek(String body) {
        int sep = body.indexOf(DS_SEP);
        if (sep < 0) {
            return Result.error("no <｜tool▁sep｜> between the tool name and its arguments");
        }
        String left = body.substring(0, sep).strip();
        String right = body.substring(sep + DS_SEP.length());
        String name;
        String args;
        if (left.equals("function")) {
            int newline = right.indexOf('\n');
            int fence = right.indexOf("```json");
            int close = right.lastIndexOf("```");
            if (newline < 0 || fence < 0 || close <= fence) {
                return Result.error("expected NAME then a ```json block after <｜tool▁sep｜>");
            }
            name = right.substring(0, newline).strip();
            args = right.substring(fence + "```json".length(), close);
        } else {
            name = left;
            args = right;
        }
        if (name.isEmpty()) {
            return Result.error("empty tool name");
        }
        JsonNode node;
        try {
            node = JSON.readTree(args.strip());
        } catch (JsonProcessingException e) {
            return Result.error("malformed JSON arguments for " + name + " (" + e.getOriginalMessage() + ")");
        }
        return arguments(name, node);
    }
}
