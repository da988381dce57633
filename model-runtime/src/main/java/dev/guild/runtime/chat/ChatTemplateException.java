package dev.guild.runtime.chat;

/** A chat template failed to render: a {@code raise_exception} call in it, or a template error with its line. */
public final class ChatTemplateException extends RuntimeException {
    public ChatTemplateException(String message) {
        super(message);
    }

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
