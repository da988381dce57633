package dev.guild.server.approvals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The approvals API ({@code guild.approvals.*}). */
@ConfigMapping(prefix = "guild.approvals")
public interface ApprovalsConfig {

    /**
     * The request header that names who decides ({@code POST /api/runs/{id}/approvals/{approvalId}}); a request
     * without it is refused with 401. Guild trusts the header as given: put an authenticating proxy in front of the
     * API that sets it (and strips it from clients), e.g. from an OIDC token's {@code email} claim.
     */
    @WithDefault("X-Guild-User")
    String identityHeader();

    /** How long the API waits for the workflow to accept a decision before answering 503. */
    @WithDefault("20s")
    Duration decisionTimeout();
}
