package dev.guild.workflows.internal.expr;

/** A runtime expression failed on its input. */
public class ExpressionException extends RuntimeException {
    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
