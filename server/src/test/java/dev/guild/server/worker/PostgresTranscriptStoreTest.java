package dev.guild.server.worker;

import dev.guild.workflows.ports.TranscriptStore;
import dev.guild.workflows.ports.TranscriptStoreContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The workflows' TranscriptStore contract against the PostgreSQL store on the embedded PostgreSQL. */
@QuarkusTest
class PostgresTranscriptStoreTest extends TranscriptStoreContract {

    @Inject
    TranscriptStore store;

    @Override
    protected TranscriptStore store() {
        return store;
    }
}
