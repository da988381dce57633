package dev.guild.server;

import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolRegistryException;
import dev.guild.workflows.definition.DefinitionProblem;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.DefinitionValidationException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate <file-or-directory>...}: checks workflow definitions without starting anything (no database, no
 * broker, no Temporal), with the same validator as the platform's start and the API, against every tool on the class
 * path: plain tools and the tools of every provider, by their descriptions ({@link ToolRegistry#describe}). Prints every problem as
 * {@code file:line /path: message} and returns 1 when there is any, 2 for bad arguments, 0 otherwise.
 */
public final class ValidateCommand {

    static int run(List<String> arguments, PrintStream out, PrintStream err) {
        if (arguments.isEmpty()) {
            err.println("validate needs at least one definition file or directory, e.g. validate examples/");
            return 2;
        }
        ToolRegistry tools;
        try {
            tools = describedTools();
        } catch (ToolRegistryException | IOException e) {
            err.println("the tools on the class path cannot be described: " + e.getMessage());
            return 2;
        }
        List<DefinitionProblem> problems = new ArrayList<>();
        int definitions = 0;
        for (String argument : arguments) {
            Path path = Path.of(argument);
            try {
                if (Files.isDirectory(path)) {
                    definitions += DefinitionRepository.loadDirectory(path, tools).all().size();
                } else if (Files.isRegularFile(path)) {
                    DefinitionRepository.parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8), tools);
                    definitions++;
                } else {
                    problems.add(new DefinitionProblem(argument, "/", 0, "no such file or directory; give the path"
                            + " of a definition (*.yaml) or of a directory of definitions"));
                }
            } catch (DefinitionValidationException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(new DefinitionProblem(argument, "/", 0, "cannot read it as UTF-8 text: " + e.getMessage()));
            }
        }
        if (problems.isEmpty()) {
            out.println(definitions + " definition(s) valid");
            return 0;
        }
        problems.forEach(problem -> out.println(problem));
        out.println(problems.size() + " problem(s)");
        return 1;
    }

    /**
     * Every registered tool, plain or from a provider, by its description only: providers describe their tools in an
     * environment with no database and a data directory that is deleted again (nothing is written to it).
     */
    static ToolRegistry describedTools() throws IOException {
        Path dataDir = Files.createTempDirectory("guild-validate-");
        try {
            return ToolRegistry.describe(Thread.currentThread().getContextClassLoader(),
                    ToolEnvironment.builder(dataDir).build());
        } finally {
            try (var files = Files.walk(dataDir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private ValidateCommand() {
    }
}
