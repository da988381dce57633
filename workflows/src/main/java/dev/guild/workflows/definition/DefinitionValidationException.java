package dev.guild.workflows.definition;

import java.util.List;

/** One or more workflow definitions do not validate; {@link #problems()} lists every problem found, at once. */
public class DefinitionValidationException extends RuntimeException {
    private final List<DefinitionProblem> problems;

    public DefinitionValidationException(List<DefinitionProblem> problems) {
        super(problems.size() + " problem(s) in workflow definitions:\n  " + String.join("\n  ",
                problems.stream().map(DefinitionProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }
}
