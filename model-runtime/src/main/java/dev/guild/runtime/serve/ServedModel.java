package dev.guild.runtime.serve;

import dev.guild.runtime.chat.ChatTemplate;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.model.Model;

import java.util.Objects;

/**
 * What the server serves: a loaded model (with its tokenizer), the chat template that renders its
 * prompts, how it writes tool calls, and the scheduler that owns it.
 *
 * @param name       the model id clients send as {@code model} and see in {@code /v1/models}
 */
public record ServedModel(String name, Model model, ChatTemplate template, ToolCallFormat toolCallFormat,
                          Scheduler scheduler) {

    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(toolCallFormat, "toolCallFormat");
        Objects.requireNonNull(scheduler, "scheduler");
        if (model.tokenizer().isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' has no tokenizer metadata; the server needs"
                    + " tokenizer.ggml.* keys in the GGUF file to encode prompts");
        }
    }
}
