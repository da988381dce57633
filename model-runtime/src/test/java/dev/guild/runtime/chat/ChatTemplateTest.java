package dev.guild.runtime.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.gguf.GgufMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renders known conversations with the built-in templates and with copies of published ones
 * (Qwen3, DeepSeek V3.1, Mixtral, Llama 3) and compares with what Python Jinja2 renders
 * ({@code render_expected.py} in the test resources wrote the expected files).
 */
class ChatTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:00Z"), ZoneOffset.UTC);

    static String resource(String name) {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ToolDefinition> tools() throws IOException {
        List<ToolDefinition> tools = new ArrayList<>();
        for (JsonNode t : JSON.readTree(resource("conversations.json")).get("tools")) {
            tools.add(new ToolDefinition(t.get("name").asText(), Optional.of(t.get("description").asText()),
                    t.get("parameters")));
        }
        return tools;
    }

    static List<ChatMessage> conversation(String name) throws IOException {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : JSON.readTree(resource("conversations.json")).get("conversations").get(name)) {
            List<ToolCall> calls = new ArrayList<>();
            if (m.has("tool_calls")) {
                for (JsonNode c : m.get("tool_calls")) {
                    calls.add(new ToolCall(c.get("id").asText(), c.get("name").asText(), c.get("arguments").asText()));
                }
            }
            Optional<String> content = m.get("content").isNull() ? Optional.empty() : Optional.of(m.get("content").asText());
            messages.add(new ChatMessage(m.get("role").asText(), content, calls,
                    Optional.ofNullable(m.get("tool_call_id")).map(JsonNode::asText),
                    Optional.ofNullable(m.get("name")).map(JsonNode::asText)));
        }
        return messages;
    }

    private static String render(String source, String bos, String eos, String conversation) throws IOException {
        List<ToolDefinition> tools = conversation.equals("tools") ? tools() : List.of();
        return ChatTemplate.of(source, bos, eos).withClock(CLOCK)
                .render(new ChatPrompt(conversation(conversation), tools, true, Map.of()));
    }

    @ParameterizedTest(name = "built-in {0} template, {1} conversation")
    @CsvSource({
            "QWEN, qwen, '', <|im_end|>, plain", "QWEN, qwen, '', <|im_end|>, tools",
            "GRANITE, granite, '', <|end_of_text|>, plain", "GRANITE, granite, '', <|end_of_text|>, tools",
            "GRANITE, granite, '', <|end_of_text|>, alternating",
            "DEEPSEEK, deepseek, <｜begin▁of▁sentence｜>, <｜end▁of▁sentence｜>, plain",
            "DEEPSEEK, deepseek, <｜begin▁of▁sentence｜>, <｜end▁of▁sentence｜>, tools",
            "MISTRAL, mistral, <s>, </s>, plain", "MISTRAL, mistral, <s>, </s>, tools",
            "LLAMA3, llama3, <|begin_of_text|>, <|eot_id|>, plain", "LLAMA3, llama3, <|begin_of_text|>, <|eot_id|>, tools"})
    void built_in_templates_render_like_python_jinja(ModelFamily family, String file, String bos, String eos,
                                                     String conversation) throws IOException {
        String source = ChatTemplates.builtInSource(family);

        assertThat(render(source, bos, eos, conversation))
                .isEqualTo(resource("expected/" + file + "." + conversation + ".txt"));
    }

    @ParameterizedTest(name = "published {0} template, {3} conversation")
    @CsvSource({
            "qwen3, '', <|im_end|>, plain", "qwen3, '', <|im_end|>, tools",
            "deepseek-v3.1, <｜begin▁of▁sentence｜>, <｜end▁of▁sentence｜>, plain",
            "deepseek-v3.1, <｜begin▁of▁sentence｜>, <｜end▁of▁sentence｜>, tools",
            "mixtral, <s>, </s>, alternating",
            "llama3-instruct, <|begin_of_text|>, <|eot_id|>, plain"})
    void published_templates_render_like_python_jinja(String file, String bos, String eos, String conversation)
            throws IOException {
        assertThat(render(resource(file + ".jinja"), bos, eos, conversation))
                .isEqualTo(resource("expected/" + file + "." + conversation + ".txt"));
    }

    @Test
    void qwen3_honours_enable_thinking_false() throws IOException {
        String out = ChatTemplate.of(resource("qwen3.jinja"), "", "<|im_end|>")
                .render(new ChatPrompt(conversation("plain"), List.of(), true, Map.of("enable_thinking", false)));

        assertThat(out).endsWith("<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    @Test
    void raise_exception_in_a_template_is_a_clear_error() {
        ChatTemplate mixtral = ChatTemplate.of(resource("mixtral.jinja"), "<s>", "</s>");

        assertThatThrownBy(() -> mixtral.render(ChatPrompt.of(conversation("plain"), List.of())))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("the template raised: Conversation roles must alternate user/assistant");
    }

    @Test
    void message_text_is_never_interpreted_as_a_template() {
        String out = ChatTemplates.fallback(ModelFamily.QWEN, "", "<|im_end|>")
                .render(ChatPrompt.of(List.of(ChatMessage.user("{{ 7 * 7 }} {% if true %}x{% endif %}")), List.of()));

        assertThat(out).contains("{{ 7 * 7 }} {% if true %}x{% endif %}").doesNotContain("49");
    }

    @Test
    void broken_template_is_a_clear_error() {
        ChatTemplate broken = ChatTemplate.of("{% for m in messages %}{{ m.content }", "", "");

        assertThatThrownBy(() -> broken.render(ChatPrompt.of(List.of(ChatMessage.user("hi")), List.of())))
                .isInstanceOf(ChatTemplateException.class).hasMessageStartingWith("chat template failed: ");
        assertThatThrownBy(() -> ChatTemplate.of(" ", "", "")).hasMessageContaining("chat template is empty");
    }

    @Test
    void gguf_metadata_gives_the_template_and_the_bos_and_eos_texts() {
        GgufMetadata withTemplate = GgufMetadata.builder().putString("general.architecture", "qwen3moe")
                .putString("tokenizer.ggml.model", "gpt2").putString("tokenizer.chat_template", resource("mixtral.jinja"))
                .putStringArray("tokenizer.ggml.tokens", List.of("<s>", "</s>", "a"))
                .putU32("tokenizer.ggml.bos_token_id", 0).putU32("tokenizer.ggml.eos_token_id", 1).build();
        GgufMetadata without = GgufMetadata.builder().putString("general.architecture", "granitemoe")
                .putStringArray("tokenizer.ggml.tokens", List.of("<|end_of_text|>"))
                .putU32("tokenizer.ggml.eos_token_id", 0).build();
        GgufMetadata broken = GgufMetadata.builder().putString("general.architecture", "granitemoe")
                .putStringArray("tokenizer.ggml.tokens", List.of("x")).putU32("tokenizer.ggml.eos_token_id", 7).build();

        assertThat(ChatTemplates.forModel(withTemplate).render(ChatPrompt.of(conversationUnchecked("alternating"), List.of())))
                .isEqualTo(resource("expected/mixtral.alternating.txt"));
        assertThat(ChatTemplates.forModel(without).source()).isEqualTo(ChatTemplates.builtInSource(ModelFamily.GRANITE));
        assertThatThrownBy(() -> ChatTemplates.forModel(broken))
                .hasMessageContaining("tokenizer.ggml.eos_token_id = 7 is outside the vocabulary of 1 tokens");
    }

    private static List<ChatMessage> conversationUnchecked(String name) {
        try {
            return conversation(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void family_is_detected_from_the_template_or_the_architecture() {
        assertThat(ModelFamily.detect("qwen3moe", "gpt2", Optional.empty())).contains(ModelFamily.QWEN);
        assertThat(ModelFamily.detect("granitemoe", "gpt2", Optional.empty())).contains(ModelFamily.GRANITE);
        assertThat(ModelFamily.detect("deepseek2", "gpt2", Optional.empty())).contains(ModelFamily.DEEPSEEK);
        assertThat(ModelFamily.detect("llama", "llama", Optional.empty())).contains(ModelFamily.MISTRAL);
        assertThat(ModelFamily.detect("llama", "gpt2", Optional.empty())).contains(ModelFamily.LLAMA3);
        assertThat(ModelFamily.detect("llama", "gpt2", Optional.of(resource("mixtral.jinja")))).contains(ModelFamily.MISTRAL);
        assertThat(ModelFamily.detect("olmoe", "gpt2", Optional.of(resource("deepseek-v3.1.jinja"))))
                .contains(ModelFamily.DEEPSEEK);
        assertThat(ModelFamily.detect("olmoe", "gpt2", Optional.empty())).isEmpty();
        assertThatThrownBy(() -> ChatTemplates.forModel(Optional.empty(), "olmoe", "gpt2", "", ""))
                .hasMessageContaining("architecture 'olmoe' has no built-in template");
        assertThat(ChatTemplates.forModel(Optional.empty(), "granitemoe", "gpt2", "", "").source())
                .isEqualTo(ChatTemplates.builtInSource(ModelFamily.GRANITE));
    }
}
