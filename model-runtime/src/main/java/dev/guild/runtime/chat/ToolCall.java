package dev.guild.runtime.chat;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One call of a tool, as in OpenAI's {@code tool_calls}.
 *
 * @param id        {@code call_} followed by 24 random letters and digits when generated here
 * @param name      the function name
 * @param arguments the arguments as a JSON text (an object)
 */
public record ToolCall(String id, String name, String arguments) {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final RandomGenerator IDS = new SecureRandom();

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }

    /** A fresh id like {@code call_Xq3...} (24 characters after the prefix). */
    public static String newId(RandomGenerator random) {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** {@link #newId(RandomGenerator)} from a secure random source. */
    public static String newId() {
        return newId(IDS);
    }
}
