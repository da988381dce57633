package dev.guild.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start when the configuration has problems; lists all of them. */
public final class InvalidConfigurationException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidConfigurationException(List<ConfigProblem> problems) {
        super(problems.size() + " configuration problem(s), fix them and start again:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
