package dev.guild.runtime.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The chat formats the runtime knows: each has a built-in template (used when a model file has no
 * {@code tokenizer.chat_template}) and a tool-call output format.
 */
public enum ModelFamily {
    /** Qwen2/Qwen3: ChatML with Hermes-style {@code <tool_call>} JSON. */
    QWEN("qwen.jinja", ToolCallFormat.HERMES),
    /** IBM Granite 3.x: {@code <|start_of_role|>} turns, {@code <|tool_call|>[...]} calls. */
    GRANITE("granite.jinja", ToolCallFormat.GRANITE),
    /** DeepSeek V2/V3: {@code <｜User｜>} turns, {@code <｜tool▁calls▁begin｜>} calls. */
    DEEPSEEK("deepseek.jinja", ToolCallFormat.DEEPSEEK),
    /** Mistral/Mixtral and Llama 2: {@code [INST]} turns, {@code [TOOL_CALLS]} calls. */
    MISTRAL("mistral.jinja", ToolCallFormat.MISTRAL),
    /** Llama 3: header-id turns; tool calls are a bare JSON object. */
    LLAMA3("llama3.jinja", ToolCallFormat.LLAMA3_JSON);

    private final String templateResource;
    private final ToolCallFormat toolCallFormat;

    ModelFamily(String templateResource, ToolCallFormat toolCallFormat) {
        this.templateResource = templateResource;
        this.toolCallFormat = toolCallFormat;
    }

    String templateResource() {
        return templateResource;
    }

    public ToolCallFormat toolCallFormat() {
        return toolCallFormat;
    }

    /**
     * The family of a model from its chat template (when it has one) or else its GGUF
     * {@code general.architecture} and {@code tokenizer.ggml.model} ({@code llama} files are Llama 2 or
     * Mistral with a SentencePiece tokenizer, Llama 3 with a {@code gpt2} one).
     */
    public static Optional<ModelFamily> detect(String architecture, String tokenizerModel, Optional<String> template) {
        if (template.isPresent()) {
            String t = template.get();
            if (t.contains("<tool_call>") || t.contains("<|im_start|>")) {
                return Optional.of(QWEN);
            }
            if (t.contains("<|start_of_role|>")) {
                return Optional.of(GRANITE);
            }
            if (t.contains("<｜User｜>") || t.contains("tool▁calls▁begin")) {
                return Optional.of(DEEPSEEK);
            }
            if (t.contains("<|start_header_id|>")) {
                return Optional.of(LLAMA3);
            }
            if (t.contains("[INST]")) {
                return Optional.of(MISTRAL);
            }
        }
        String arch = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        if (arch.startsWith("qwen")) {
            return Optional.of(QWEN);
        }
        if (arch.startsWith("granite")) {
            return Optional.of(GRANITE);
        }
        if (arch.startsWith("deepseek")) {
            return Optional.of(DEEPSEEK);
        }
        if (arch.equals("llama") || arch.equals("mixtral") || arch.equals("mistral")) {
            return Optional.of("gpt2".equals(tokenizerModel) ? LLAMA3 : MISTRAL);
        }
        return Optional.empty();
    }
}
