package dev.guild.workflows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.workflows.definition.WorkflowDefinition;

import java.util.Objects;

/**
 * The input of {@link RunWorkflow}. The definition travels with the request (it is small), pinned by its
 * SHA-256 hash, so a run replays with exactly the definition it started with whatever is on disk later.
 * Build it with {@link WorkflowDefinition#runRequest}.
 *
 * @param runId          the run's id; also the workflow id the dispatcher starts it under
 * @param workflowName   {@code document.name} of the definition
 * @param definitionHash {@code sha256:<hex>} of {@code definition}; the run fails if they disagree
 * @param definition     the definition's YAML text
 * @param trigger        what started the run
 * @param input          the workflow input, a JSON object as text
 */
public record RunRequest(@JsonProperty("runId") String runId,
                         @JsonProperty("workflowName") String workflowName,
                         @JsonProperty("definitionHash") String definitionHash,
                         @JsonProperty("definition") String definition,
                         @JsonProperty("trigger") RunTrigger trigger,
                         @JsonProperty("input") String input) {
    @JsonCreator
    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(workflowName, "workflowName");
        Objects.requireNonNull(definitionHash, "definitionHash");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(trigger, "trigger");
        input = input == null || input.isBlank() ? "{}" : input;
    }
}
