package dev.guild.runtime.chat;

/** How a model family writes tool calls in its output. */
public enum ToolCallFormat {
    /** {@code <tool_call>{"name": ..., "arguments": {...}}</tool_call>}, repeated (Qwen, Hermes). */
    HERMES,
    /** {@code <|tool_call|>[{"name": ..., "arguments": {...}}, ...]} (Granite 3.x). */
    GRANITE,
    /**
     * {@code <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\nARGS\n```<｜tool▁call▁end｜>...<｜tool▁calls▁end｜>}
     * (DeepSeek V3), or {@code <｜tool▁call▁begin｜>NAME<｜tool▁sep｜>ARGS<｜tool▁call▁end｜>} (V3.1).
     */
    DEEPSEEK,
    /** {@code [TOOL_CALLS][{"name": ..., "arguments": {...}}, ...]} (Mistral, Mixtral). */
    MISTRAL,
    /** A bare {@code {"name": ..., "parameters": {...}}} object, optionally after {@code <|python_tag|>} (Llama 3.1). */
    LLAMA3_JSON
}
