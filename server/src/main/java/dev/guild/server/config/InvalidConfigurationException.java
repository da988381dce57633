package dev.guild.server.config;

import io.quarkus.runtime.configuration.ConfigurationException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown at start when the configuration has problems; lists all of them. A Quarkus {@link ConfigurationException},
 * so the application prints the list without a stack trace.
 */
public final class InvalidConfigurationException extends ConfigurationException {

    private final List<ConfigProblem> problems;

    public InvalidConfigurationException(List<ConfigProblem> problems) {
        super(problems.size() + " configuration problem(s), fix them and start again:\n"
                        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")),
                (java.util.Set<String>) problems.stream().map(ConfigProblem::key)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
