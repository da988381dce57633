package dev.guild.agents;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an agent loop ended. Wire values are stable. */
public enum AgentOutcome {
    /** The model answered without calling a tool. */
    @JsonProperty("final_answer") FINAL_ANSWER("final_answer"),
    /** {@link AgentLimits#maxSteps()} model calls were made without a final answer. */
    @JsonProperty("max_steps") MAX_STEPS("max_steps"),
    /** {@link AgentLimits#maxTokens()} tokens were used without a final answer. */
    @JsonProperty("max_tokens") MAX_TOKENS("max_tokens"),
    /** {@link AgentLimits#deadlineSeconds()} passed without a final answer. */
    @JsonProperty("deadline") DEADLINE("deadline"),
    /** A model or tool call failed for good (retries exhausted, request rejected); the reason says which. */
    @JsonProperty("failed") FAILED("failed");

    private final String wireName;

    AgentOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
