package dev.guild.workflows.definition;

/**
 * One problem of a workflow definition.
 *
 * @param source  the file (or other source) name
 * @param path    JSON-pointer-like location in the definition, e.g. {@code /do/1/greet/call}
 * @param line    1-based line in the source, 0 when unknown
 * @param message what is wrong, with the bad value, and how to fix it
 */
public record DefinitionProblem(String source, String path, int line, String message) {
    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + " " + path + ": " + message;
    }
}
