package dev.guild.runtime.tokenizer;

/** Token types as stored in {@code tokenizer.ggml.token_type} (llama.cpp {@code llama_token_type}). */
public enum TokenType {
    UNDEFINED(0),
    NORMAL(1),
    UNKNOWN(2),
    CONTROL(3),
    USER_DEFINED(4),
    UNUSED(5),
    BYTE(6);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    /** The GGUF value. */
    public int code() {
        return code;
    }

    /** The type for a GGUF value; values llama.cpp does not know read as {@link #UNDEFINED}, as there. */
    public static TokenType ofCode(int code) {
        for (TokenType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNDEFINED;
    }
}
