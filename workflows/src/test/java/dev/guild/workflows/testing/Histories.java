package dev.guild.workflows.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves workflow histories for the replay test when {@code -Dguild.recordHistories=true}: run the tests that call
 * {@link #record} once after an intended change of workflow behaviour (guarded by {@code Workflow.getVersion}) and
 * commit the JSON next to the older histories, which must keep replaying. Tests only.
 */
public final class Histories {

    public static final Path DIRECTORY = Path.of("src", "test", "resources", "histories");

    public static boolean recording() {
        return Boolean.getBoolean("guild.recordHistories");
    }

    /** Writes the history of {@code workflowId} to {@code histories/<file>} when recording; else nothing. */
    public static void record(WorkflowTestBed bed, String workflowId, String file) {
        if (!recording()) {
            return;
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(file), bed.client().fetchHistory(workflowId).toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Histories() {
    }
}
