package dev.guild.server.config;

import java.util.List;

/** Names of the Kafka topics Guild creates at start. Wire names: never change them. */
public final class GuildTopics {
    /** Accepted triggers (webhooks, chat messages) as CloudEvents, keyed by dedupe key. */
    public static final String TRIGGERS = "guild.triggers";
    /** Run events as CloudEvents, keyed by run id. */
    public static final String RUN_EVENTS = "guild.run-events";
    /** CloudEvents workflows emit ({@code emit}) and wait for ({@code listen}); any system may publish here. */
    public static final String EVENTS = "guild.events";
    /** Records that could not be processed, with the reason in headers. */
    public static final String DEAD_LETTER = "guild.dead-letter";

    /** All of them, in creation order. */
    public static final List<String> ALL = List.of(TRIGGERS, RUN_EVENTS, DEAD_LETTER, EVENTS);

    private GuildTopics() {
    }
}
