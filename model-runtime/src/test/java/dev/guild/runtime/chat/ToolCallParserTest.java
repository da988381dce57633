package dev.guild.runtime.chat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCallParserTest {

    /** Feeds {@code output} in chunks of every size from 1 to 7 and checks all give the same result. */
    private static ParsedOutput streamed(ToolCallFormat format, String output) {
        ParsedOutput whole = ToolCallParser.parse(format, output);
        for (int size = 1; size <= 7; size++) {
            ToolCallParser parser = ToolCallParser.create(format, new Random(size));
            List<ToolCallEvent> events = new ArrayList<>();
            for (int i = 0; i < output.length(); i += size) {
                events.addAll(parser.accept(output.substring(i, Math.min(output.length(), i + size))));
            }
            events.addAll(parser.finish());
            ParsedOutput chunked = ParsedOutput.of(events);
            assertThat(chunked.content()).as("content with chunks of " + size).isEqualTo(whole.content());
            assertThat(chunked.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
                    .as("calls with chunks of " + size)
                    .isEqualTo(whole.toolCalls().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.arguments())).toList());
            assertThat(chunked.errors()).as("errors with chunks of " + size).isEqualTo(whole.errors());
        }
        return whole;
    }

    @Test
    void hermes_calls_with_content_around_them() {
        ParsedOutput out = streamed(ToolCallFormat.HERMES, """
                Let me check.
                <tool_call>
                {"name": "get_weather", "arguments": {"city": "Zürich", "unit": "celsius"}}
                </tool_call>
                <tool_call>
                {"name": "book_table", "arguments": "{\\"restaurant\\": \\"Kronenhalle\\", \\"people\\": 2}"}
                </tool_call>""");

        assertThat(out.content()).isEqualTo("Let me check.\n\n");
        assertThat(out.toolCalls()).extracting(ToolCall::name, ToolCall::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Zürich\",\"unit\":\"celsius\"}"),
                org.assertj.core.groups.Tuple.tuple("book_table", "{\"restaurant\":\"Kronenhalle\",\"people\":2}"));
        assertThat(out.toolCalls()).allSatisfy(c -> assertThat(c.id()).matches("call_[A-Za-z0-9]{24}"));
        assertThat(out.toolCalls().get(0).id()).isNotEqualTo(out.toolCalls().get(1).id());
        assertThat(out.errors()).isEmpty();
    }

    @Test
    void content_is_released_before_the_call_is_complete() {
        ToolCallParser parser = ToolCallParser.create(ToolCallFormat.HERMES);

        assertThat(parser.accept("Sure, <tool")).containsExactly(new ToolCallEvent.Content("Sure, "));
        assertThat(parser.accept("_call>{\"name\": \"f\", \"argu")).isEmpty();
        List<ToolCallEvent> events = parser.accept("ments\": {}}</tool_call> done");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ToolCallEvent.Call.class, c -> {
            assertThat(c.index()).isZero();
            assertThat(c.call().name()).isEqualTo("f");
            assertThat(c.call().arguments()).isEqualTo("{}");
        });
        assertThat(events.get(1)).isEqualTo(new ToolCallEvent.Content(" done"));
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void parser_says_when_a_call_is_open_so_constraints_can_start() {
        ToolCallParser parser = ToolCallParser.create(ToolCallFormat.GRANITE);

        parser.accept("I will call <|tool_");
        assertThat(parser.insideCall()).isFalse();
        parser.accept("call|>[{\"na");
        assertThat(parser.insideCall()).isTrue();
        assertThat(parser.openCallText()).isEqualTo("[{\"na");
        parser.accept("me\": \"f\", \"arguments\": {}}]");
        assertThat(parser.insideCall()).isFalse();
        assertThat(parser.openCallText()).isEmpty();
    }

    @Test
    void text_that_only_looks_like_a_marker_start_is_content() {
        ParsedOutput out = streamed(ToolCallFormat.HERMES, "a < b and <tool but not a call");

        assertThat(out.content()).isEqualTo("a < b and <tool but not a call");
        assertThat(out.toolCalls()).isEmpty();
    }

    @Test
    void granite_list_of_calls() {
        ParsedOutput out = streamed(ToolCallFormat.GRANITE,
                "<|tool_call|>[{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris [FR]\"}}, "
                        + "{\"name\": \"book_table\", \"arguments\": {\"people\": 4}}]");

        assertThat(out.content()).isEmpty();
        assertThat(out.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "book_table");
        assertThat(out.toolCalls().get(0).arguments()).isEqualTo("{\"city\":\"Paris [FR]\"}");
    }

    @Test
    void deepseek_v3_and_v31_formats() {
        ParsedOutput v3 = streamed(ToolCallFormat.DEEPSEEK, "Checking.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function"
                + "<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Zürich\"}\n```<｜tool▁call▁end｜><｜tool▁call▁begin｜>function"
                + "<｜tool▁sep｜>book_table\n```json\n{\"people\": 2}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>");
        ParsedOutput v31 = streamed(ToolCallFormat.DEEPSEEK, "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather"
                + "<｜tool▁sep｜>{\"city\": \"Zürich\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>");

        assertThat(v3.content()).isEqualTo("Checking.");
        assertThat(v3.toolCalls()).extracting(ToolCall::name, ToolCall::arguments).containsExactly(
                org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Zürich\"}"),
                org.assertj.core.groups.Tuple.tuple("book_table", "{\"people\":2}"));
        assertThat(v31.content()).isEmpty();
        assertThat(v31.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Zürich\"}"));
    }

    @Test
    void mistral_tool_calls() {
        ParsedOutput out = streamed(ToolCallFormat.MISTRAL,
                "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Lyon\"}, \"id\": \"abc123def\"}]");

        assertThat(out.toolCalls()).extracting(ToolCall::name, ToolCall::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("get_weather", "{\"city\":\"Lyon\"}"));
        assertThat(out.content()).isEmpty();
    }

    @Test
    void llama3_bare_json_call_only_at_the_start() {
        ParsedOutput call = streamed(ToolCallFormat.LLAMA3_JSON, " {\"name\": \"f\", \"parameters\": {\"x\": 1}}");
        ParsedOutput text = streamed(ToolCallFormat.LLAMA3_JSON, "Use {\"name\": \"f\"} like this.");

        assertThat(call.toolCalls()).extracting(ToolCall::arguments).containsExactly("{\"x\":1}");
        assertThat(text.toolCalls()).isEmpty();
        assertThat(text.content()).isEqualTo("Use {\"name\": \"f\"} like this.");
    }

    @Test
    void malformed_calls_are_reported_and_parsing_goes_on() {
        ParsedOutput out = streamed(ToolCallFormat.HERMES, "<tool_call>{\"name\": \"f\", \"arguments\": {\"x\": }</tool_call>"
                + "<tool_call>{\"arguments\": {}}</tool_call><tool_call>{\"name\": \"g\", \"arguments\": [1]}</tool_call>"
                + "<tool_call>{\"name\": \"ok\", \"arguments\": {}}</tool_call>after");

        assertThat(out.toolCalls()).extracting(ToolCall::name).containsExactly("ok");
        assertThat(out.content()).isEqualTo("after");
        assertThat(out.errors()).hasSize(3);
        assertThat(out.errors().get(0)).startsWith("malformed JSON").contains("in tool call: {\"name\": \"f\"");
        assertThat(out.errors().get(1)).startsWith("missing or non-string \"name\"");
        assertThat(out.errors().get(2)).startsWith("\"arguments\" of g is not a JSON object");
    }

    @Test
    void unterminated_calls_are_reported_unless_complete() {
        ParsedOutput cut = streamed(ToolCallFormat.HERMES, "<tool_call>{\"name\": \"f\", \"argum");
        ParsedOutput noEnd = streamed(ToolCallFormat.HERMES, "<tool_call>{\"name\": \"f\", \"arguments\": {}}");
        ParsedOutput granite = streamed(ToolCallFormat.GRANITE, "<|tool_call|>[{\"name\": \"f\"");
        ParsedOutput notJson = streamed(ToolCallFormat.GRANITE, "<|tool_call|>get_weather(city=Paris)");

        assertThat(cut.errors()).singleElement().asString().startsWith("the output ended inside a tool call");
        assertThat(noEnd.toolCalls()).extracting(ToolCall::name).containsExactly("f");
        assertThat(granite.errors()).singleElement().asString().contains("ended inside a tool call");
        assertThat(notJson.errors()).singleElement().asString().contains("malformed JSON");
        assertThat(ToolCallParser.parse(ToolCallFormat.DEEPSEEK, "<｜tool▁call▁begin｜>f{}<｜tool▁call▁end｜>").errors())
                .singleElement().asString().startsWith("no <｜tool▁sep｜>");
    }

    @Test
    void ids_are_reproducible_with_a_seeded_generator() {
        String a = ToolCall.newId(new Random(7));
        assertThat(a).isEqualTo(ToolCall.newId(new Random(7))).matches("call_[A-Za-z0-9]{24}");
    }
}
