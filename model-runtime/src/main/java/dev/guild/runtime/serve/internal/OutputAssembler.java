package dev.guild.runtime.serve.internal;

import dev.guild.runtime.chat.ToolCall;
import dev.guild.runtime.chat.ToolCallEvent;
import dev.guild.runtime.chat.ToolCallFormat;
import dev.guild.runtime.chat.ToolCallParser;
import dev.guild.runtime.tokenizer.StreamingDecoder;
import dev.guild.runtime.tokenizer.Tokenizer;

import java.util.List;
import java.util.Optional;

/**
 * Turns generated tokens into what the client sees: UTF-8-safe text, cut at the first stop string
 * (text that could still become a stop string is held back), then split into content and tool calls
 * by the model family's {@link ToolCallParser}. Runs on the scheduler thread.
 */
final class OutputAssembler {

    /** Receives the client-visible events in order. */
    interface Sink {
        void content(String text);

        void toolCall(int index, ToolCall call);
    }

    private final StreamingDecoder decoder;
    private final List<String> stops;
    private final Optional<ToolCallParser> parser;
    private final Optional<GrammarConstraint> constraint;
    private final Optional<AutoToolConstraint> auto;
    private final Sink sink;
    private final StringBuilder pending = new StringBuilder();
    private int calls;
    private boolean stopped;

    OutputAssembler(Tokenizer tokenizer, List<String> stops, Optional<ToolCallFormat> toolFormat,
                    Optional<GrammarConstraint> constraint, Optional<AutoToolConstraint> auto, Sink sink) {
        this.decoder = tokenizer.streamingDecoder(false);
        this.stops = stops;
        this.parser = toolFormat.map(ToolCallParser::create);
        this.constraint = constraint;
        this.auto = auto;
        this.sink = sink;
    }

    /** @return false when generation should end (a stop string matched, or the constrained output is complete) */
    boolean onToken(int token) {
        pending.append(decoder.push(token));
        int cut = firstStop();
        if (cut >= 0) {
            pending.setLength(cut);
            stopped = true;
            flush(pending.length());
            return false;
        }
        flush(pending.length() - heldBack());
        auto.ifPresent(a -> a.update(parser.orElseThrow()));
        return constraint.map(c -> !c.finished()).orElse(true);
    }

    /** Emits what is left once generation ended. */
    void finish() {
        if (!stopped) {
            pending.append(decoder.finish());
            int cut = firstStop();
            if (cut >= 0) {
                pending.setLength(cut);
            }
        }
        flush(pending.length());
        parser.ifPresent(p -> dispatch(p.finish()));
    }

    int toolCalls() {
        return calls;
    }

    private int firstStop() {
        int best = -1;
        for (String s : stops) {
            int i = pending.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** Length of the longest suffix of the pending text that is a proper prefix of a stop string. */
    private int heldBack() {
        int hold = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, pending.length()); k > hold; k--) {
                if (pending.substring(pending.length() - k).equals(s.substring(0, k))) {
                    hold = k;
                    break;
                }
            }
        }
        return hold;
    }

    private void flush(int upTo) {
        if (upTo <= 0) {
            return;
        }
        String text = pending.substring(0, upTo);
        pending.delete(0, upTo);
        if (parser.isPresent()) {
            dispatch(parser.get().accept(text));
        } else {
            sink.content(text);
        }
    }

    private void dispatch(List<ToolCallEvent> events) {
        for (ToolCallEvent e : events) {
            switch (e) {
                case ToolCallEvent.Content c -> sink.content(c.text());
                case ToolCallEvent.Call c -> {
                    calls++;
                    sink.toolCall(c.index(), c.call());
                }
                case ToolCallEvent.Malformed m -> sink.content(m.raw());
            }
        }
    }
}
