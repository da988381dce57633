package dev.guild.runtime.serve;

import java.util.concurrent.CompletableFuture;

/** A submitted request: its result, and a way to cancel it. */
public interface RequestHandle {

    /** Completes when the request ends (also when cancelled, with {@link FinishReason#CANCELLED}). */
    CompletableFuture<Completion> result();

    /** Asks the scheduler to drop the request at its next step and free its cache. Idempotent. */
    void cancel();
}
