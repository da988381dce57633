package dev.guild.tools;

import java.util.List;

/** The tools found cannot be used together; {@link #problems()} lists every reason at once. */
public class ToolRegistryException extends RuntimeException {
    private final List<String> problems;

    public ToolRegistryException(List<String> problems) {
        super("tool registry has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
