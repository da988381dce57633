package dev.guild.runtime.serve.internal;

import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.constrain.ToolCallSyntax;

/**
 * How a constrained tool call is written in each model family's format. With {@code tool_choice}
 * required or a named function the whole output is {@code requiredPrefix CALL requiredSuffix}; with
 * {@code auto} the model opens a call with the format's start marker itself and the grammar takes over
 * after it: {@code autoPrefix CALL autoSuffix}, the suffix closing the call.
 *
 * @param requiredPrefix what the output starts with when a call is required
 * @param autoPrefix     what follows the start marker before the call body
 * @param body           the call body
 * @param autoSuffix     what closes one call opened by the model
 * @param requiredSuffix what ends the output after a required call
 */
record CallForm(String requiredPrefix, String autoPrefix, ToolCallSyntax body, String autoSuffix,
                String requiredSuffix) {

    private static final String DS_CALLS = "<｜tool▁calls▁begin｜>";
    private static final String DS_CALL = "<｜tool▁call▁begin｜>";
    private static final String DS_CALL_END = "<｜tool▁call▁end｜>";
    private static final String DS_CALLS_END = "<｜tool▁calls▁end｜>";

    static CallForm of(ToolCallFormat format) {
        return switch (format) {
            case HERMES -> new CallForm("<tool_call>\n", "\n", ToolCallSyntax.NAME_ARGUMENTS, "\n</tool_call>",
                    "\n</tool_call>");
            case GRANITE -> new CallForm("<|tool_call|>[", "[", ToolCallSyntax.NAME_ARGUMENTS, "]", "]");
            case MISTRAL -> new CallForm("[TOOL_CALLS][", "[", ToolCallSyntax.NAME_ARGUMENTS, "]", "]");
            // Llama 3.1 writes a bare object (at the start of the output, or after <|python_tag|>)
            case LLAMA3_JSON -> new CallForm("", "", new ToolCallSyntax.JsonObject("parameters"), "", "");
            // DeepSeek V3: function<｜tool▁sep｜>NAME, the arguments in a ```json fence
            case DEEPSEEK -> new CallForm(DS_CALLS + DS_CALL, "",
                    new ToolCallSyntax.Text("function<｜tool▁sep｜>", "\n```json\n", "\n```"), DS_CALL_END,
                    DS_CALL_END + DS_CALLS_END);
        };
    }
}
