package dev.guild.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunTrigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A validated workflow definition.
 *
 * @param name        {@code document.name}: triggers refer to it
 * @param namespace   {@code document.namespace}
 * @param version     {@code document.version}
 * @param source      where it came from (file name)
 * @param text        the YAML text, as loaded
 * @param hash        {@code sha256:<hex>} of the text (UTF-8): pins a run to this exact definition
 * @param inputSchema {@code input.schema.document}, or null when the definition declares none
 */
public record WorkflowDefinition(String name, String namespace, String version, String source, String text,
                                 String hash, JsonNode inputSchema) {

    /** The run request that runs this definition on {@code inputJson}. */
    public RunRequest runRequest(String runId, RunTrigger trigger, String inputJson) {
        return new RunRequest(runId, name, hash, text, trigger, inputJson);
    }

    /**
     * Problems of a workflow input against {@code input.schema}, each naming the field ({@code $.name}); empty when
     * valid or when there is no schema. The gateway calls this to answer 400 before starting anything; the run
     * checks again.
     */
    public List<String> validateInput(JsonNode input) {
        return inputSchema == null ? List.of() : ToolSchemas.validate(inputSchema, input);
    }

    /** {@code sha256:<hex>} of the UTF-8 bytes of {@code text}. */
    public static String hashOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which every Java SE has", e);
        }
    }
}
