package dev.guild.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/** What the webhook edge needs to know about workflow definitions: which exist, and their input schema. */
public interface WorkflowInputs {

    /** Names of the loaded workflow definitions. */
    Set<String> names();

    /** The JSON Schema of the workflow's {@code input.schema}, if it declares one. */
    Optional<JsonNode> inputSchema(String workflow);
}
