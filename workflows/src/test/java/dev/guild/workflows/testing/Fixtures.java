package dev.guild.workflows.testing;

import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The definitions under {@code src/test/resources/fixtures/valid}. Tests only. */
public final class Fixtures {

    public static final Path VALID = Path.of("src", "test", "resources", "fixtures", "valid");
    public static final RunTrigger TRIGGER = new RunTrigger("api", "test", null);

    public static WorkflowDefinition valid(String name, ToolRegistry tools) {
        try {
            return DefinitionRepository.parse(name + ".yaml", Files.readString(VALID.resolve(name + ".yaml")), tools);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request to run fixture {@code name} on {@code input} as run {@code runId}. */
    public static RunRequest request(WorkflowTestBed bed, String name, String runId, String input) {
        return valid(name, bed.tools).runRequest(runId, TRIGGER, input);
    }

    private Fixtures() {
    }
}
