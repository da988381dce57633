package dev.guild.runtime.tokenizer;

/** The tokenizer metadata or a tokenizer call was invalid; the message says what and how to fix it. */
public class TokenizerException extends IllegalArgumentException {
    public TokenizerException(String message) {
        super(message);
    }
}
