package dev.guild.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An agent's budget. The loop stops at the first one reached and reports which ({@link AgentOutcome}).
 *
 * @param maxSteps        most model calls (a malformed tool call costs the step it was made in); default 10
 * @param maxTokens       most tokens (input + output, summed over all model calls); default 200,000
 * @param deadlineSeconds wall-clock seconds from the agent's start after which no model call starts and a running
 *                        one is cut off; default 600
 */
public record AgentLimits(@JsonProperty("maxSteps") int maxSteps,
                          @JsonProperty("maxTokens") long maxTokens,
                          @JsonProperty("deadlineSeconds") long deadlineSeconds) {

    public static final int MAX_STEPS_CEILING = 10_000;
    public static final AgentLimits DEFAULTS = new AgentLimits(10, 200_000, 600);

    @JsonCreator
    public AgentLimits {
        if (maxSteps < 1 || maxSteps > MAX_STEPS_CEILING) {
            throw new IllegalArgumentException("maxSteps must be between 1 and " + MAX_STEPS_CEILING + "; got " + maxSteps);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1; got " + maxTokens);
        }
        if (deadlineSeconds < 1) {
            throw new IllegalArgumentException("deadlineSeconds must be at least 1; got " + deadlineSeconds);
        }
    }
}
