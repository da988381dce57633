package dev.guild.workflows.definition;

import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.internal.definition.DefinitionValidator;
import dev.guild.workflows.ports.DefinitionLookup;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The workflow definitions known to the platform, by {@code document.name}. {@link #loadDirectory} reads every
 * {@code *.yaml} / {@code *.yml} file of a directory (not its subdirectories) and validates all of them; if any
 * does not validate, it throws one {@link DefinitionValidationException} listing every problem of every file.
 */
public final class DefinitionRepository implements DefinitionLookup {

    private final Map<String, WorkflowDefinition> byName;

    private DefinitionRepository(Map<String, WorkflowDefinition> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static DefinitionRepository loadDirectory(Path directory, ToolRegistry tools) {
        if (!Files.isDirectory(directory)) {
            throw new DefinitionValidationException(List.of(new DefinitionProblem(directory.toString(), "/", 0,
                    "the workflow definition directory does not exist or is not a directory; create it or point"
                            + " the configuration at the directory that holds the *.yaml definitions")));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DefinitionValidationException(List.of(new DefinitionProblem(directory.toString(), "/", 0,
                    "cannot list the directory: " + e.getMessage())));
        }
        List<DefinitionProblem> problems = new ArrayList<>();
        List<WorkflowDefinition> definitions = new ArrayList<>();
        for (Path file : files) {
            String source = file.getFileName().toString();
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                problems.add(new DefinitionProblem(source, "/", 0, "the file is not UTF-8 text; save it as UTF-8"));
                continue;
            } catch (IOException e) {
                problems.add(new DefinitionProblem(source, "/", 0, "cannot read the file: " + e.getMessage()));
                continue;
            }
            WorkflowDefinition definition = DefinitionValidator.validate(source, text, tools, problems);
            if (definition != null) {
                definitions.add(definition);
            }
        }
        return build(definitions, problems);
    }

    /** Validates one definition given as text (an API upload, a test). */
    public static WorkflowDefinition parse(String source, String text, ToolRegistry tools) {
        List<DefinitionProblem> problems = new ArrayList<>();
        WorkflowDefinition definition = DefinitionValidator.validate(source, text, tools, problems);
        if (!problems.isEmpty()) {
            throw new DefinitionValidationException(problems);
        }
        return definition;
    }

    /** A repository of already validated definitions; duplicate names are a problem. */
    public static DefinitionRepository of(Collection<WorkflowDefinition> definitions) {
        return build(definitions, new ArrayList<>());
    }

    private static DefinitionRepository build(Collection<WorkflowDefinition> definitions, List<DefinitionProblem> problems) {
        Map<String, WorkflowDefinition> byName = new TreeMap<>();
        for (WorkflowDefinition definition : definitions) {
            WorkflowDefinition previous = byName.putIfAbsent(definition.name(), definition);
            if (previous != null) {
                problems.add(new DefinitionProblem(definition.source(), "/document/name", 0, "workflow name '"
                        + definition.name() + "' is already used by " + previous.source() + "; names must be unique"));
            }
        }
        if (!problems.isEmpty()) {
            throw new DefinitionValidationException(problems);
        }
        return new DefinitionRepository(byName);
    }

    public Optional<WorkflowDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The definition called {@code name}; the exception lists the known names. */
    public WorkflowDefinition get(String name) {
        WorkflowDefinition definition = byName.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no workflow definition named '" + name + "'; known: " + byName.keySet());
        }
        return definition;
    }

    /** By namespace and name; {@code version} null matches any (names are unique here). */
    @Override
    public Optional<WorkflowDefinition> find(String namespace, String name, String version) {
        return find(name).filter(d -> d.namespace().equals(namespace) && (version == null || version.equals(d.version())));
    }

    public Collection<WorkflowDefinition> all() {
        return byName.values();
    }
}
