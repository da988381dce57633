package dev.guild.runtime.serve.internal;

import dev.guild.runtime.serve.SchedulerMetrics;

import java.util.Locale;

/** Renders {@link SchedulerMetrics} in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static String render(SchedulerMetrics m) {
        StringBuilder sb = new StringBuilder();
        metric(sb, "guild_queue_depth", "gauge", "Requests waiting for a place in the running batch.", m.queued());
        metric(sb, "guild_running_sequences", "gauge", "Sequences in the running batch.", m.running());
        metric(sb, "guild_batch_tokens", "gauge", "Tokens in the last forward step.", m.lastBatchTokens());
        metric(sb, "guild_batch_sequences", "gauge", "Sequences in the last forward step.", m.lastBatchSequences());
        metric(sb, "guild_kv_reserved_tokens", "gauge",
                "KV cache positions pinned by running sequences (blocks held plus blocks reserved).",
                m.kvReservedTokens());
        metric(sb, "guild_kv_used_tokens", "gauge", "KV cache positions in blocks running sequences hold.",
                m.kvUsedTokens());
        metric(sb, "guild_kv_budget_tokens", "gauge", "Configured KV cache budget in positions.", m.kvBudgetTokens());
        metric(sb, "guild_steps_total", "counter", "Forward steps run.", m.steps());
        metric(sb, "guild_prompt_tokens_total", "counter", "Prompt tokens prefilled.", m.promptTokens());
        metric(sb, "guild_generation_tokens_total", "counter", "Tokens generated.", m.generatedTokens());
        metric(sb, "guild_prompt_tokens_reused_total", "counter", "Prompt tokens served from the prefix cache.",
                m.promptTokensReused());
        metric(sb, "guild_prefix_cache_hit_rate", "gauge", "Share of prompt tokens served from the prefix cache.",
                m.prefixHitRate());
        metric(sb, "guild_prefix_cache_tokens", "gauge", "KV positions in blocks registered in the prefix cache.",
                m.prefixCachedTokens());
        metric(sb, "guild_estimated_wait_seconds", "gauge",
                "Seconds to finish the queued and running work at the measured throughput (Retry-After).",
                Double.isNaN(m.estimatedWaitSeconds()) ? 0 : m.estimatedWaitSeconds());
        metric(sb, "guild_busy_seconds_total", "counter", "Seconds spent in forward steps.", m.busySeconds());
        double tps = m.busySeconds() > 0 ? m.generatedTokens() / m.busySeconds() : 0;
        metric(sb, "guild_generation_tokens_per_second", "gauge",
                "Generated tokens per second of forward-step time, since start.", tps);
        sb.append("# HELP guild_requests_total Requests by outcome.\n# TYPE guild_requests_total counter\n");
        sb.append("guild_requests_total{outcome=\"completed\"} ").append(m.completed()).append('\n');
        sb.append("guild_requests_total{outcome=\"cancelled\"} ").append(m.cancelled()).append('\n');
        sb.append("guild_requests_total{outcome=\"rejected\"} ").append(m.rejected()).append('\n');
        sb.append("guild_requests_total{outcome=\"failed\"} ").append(m.failed()).append('\n');
        sb.append("# HELP guild_time_to_first_token_seconds Time from submission to the first generated token.\n")
                .append("# TYPE guild_time_to_first_token_seconds summary\n")
                .append("guild_time_to_first_token_seconds_sum ").append(num(m.firstTokenSeconds())).append('\n')
                .append("guild_time_to_first_token_seconds_count ").append(m.firstTokenCount()).append('\n');
        return sb.toString();
    }

    private static void metric(StringBuilder sb, String name, String type, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(num(value)).append('\n');
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6f", v);
    }
}
