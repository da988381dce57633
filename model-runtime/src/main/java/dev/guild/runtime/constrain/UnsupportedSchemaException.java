package dev.guild.runtime.constrain;

/**
 * A JSON schema that constrained decoding cannot enforce (an unsupported keyword) or that no value
 * satisfies. {@link #keyword()} and {@link #path()} (a JSON pointer into the schema) say where.
 */
public final class UnsupportedSchemaException extends IllegalArgumentException {
    private final String keyword;
    private final String path;

    public UnsupportedSchemaException(String keyword, String path, String message) {
        super("schema keyword '" + keyword + "' at " + (path.isEmpty() ? "/" : path) + ": " + message);
        this.keyword = keyword;
        this.path = path;
    }

    public String keyword() {
        return keyword;
    }

    public String path() {
        return path;
    }
}
