package dev.guild.runtime.chat;

import dev.guild.runtime.chat.internal.CallDecoder;
import dev.guild.runtime.chat.internal.CallScanner;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Splits a model's output, as it streams in, into content and OpenAI tool calls for one
 * {@link ToolCallFormat}. Feed text with {@link #accept(String)} (any chunking, even mid-marker) and
 * call {@link #finish()} at the end. Content is released as soon as it cannot be the start of a
 * tool-call marker; each call is released once complete, with a generated {@code call_...} id.
 * Malformed calls become {@link ToolCallEvent.Malformed} events; nothing here throws on model output.
 * Not thread-safe: one parser per generation.
 */
public final class ToolCallParser {
    private final CallScanner scanner;
    private final CallDecoder decoder;
    private final RandomGenerator ids;
    private int calls;

    private ToolCallParser(ToolCallFormat format, RandomGenerator ids) {
        this.decoder = CallDecoder.forFormat(format);
        this.scanner = new CallScanner(decoder.syntax());
        this.ids = ids;
    }

    public static ToolCallParser create(ToolCallFormat format) {
        return new ToolCallParser(format, new SecureRandom());
    }

    /** A parser whose call ids come from {@code ids} (seed it for reproducible ids). */
    public static ToolCallParser create(ToolCallFormat format, RandomGenerator ids) {
        return new ToolCallParser(format, ids);
    }

    /** Parses a whole output at once. */
    public static ParsedOutput parse(ToolCallFormat format, String output) {
        ToolCallParser parser = create(format);
        List<ToolCallEvent> events = new ArrayList<>(parser.accept(output));
        events.addAll(parser.finish());
        return ParsedOutput.of(events);
    }

    /** Events that the text so far makes certain. */
    public List<ToolCallEvent> accept(String text) {
        return decode(scanner.accept(text == null ? "" : text));
    }

    /**
     * Whether the output so far has opened a tool call that is not complete: with {@code tool_choice: auto}
     * the server switches constrained decoding on from here, with a grammar for the rest of the call
     * ({@link #openCallText()} is what the model has written of it so far).
     */
    public boolean insideCall() {
        return scanner.inside();
    }

    /** The text of the open call after its start marker (empty when {@link #insideCall()} is false). */
    public String openCallText() {
        return scanner.openCall();
    }

    /** The remaining events at the end of the output (an unterminated call is reported as malformed). */
    public List<ToolCallEvent> finish() {
        return decode(scanner.finish());
    }

    private List<ToolCallEvent> decode(List<CallScanner.Piece> pieces) {
        List<ToolCallEvent> events = new ArrayList<>();
        for (CallScanner.Piece piece : pieces) {
            switch (piece) {
                case CallScanner.Piece.Text t -> {
                    if (!t.text().isEmpty()) {
                        events.add(new ToolCallEvent.Content(t.text()));
                    }
                }
                case CallScanner.Piece.Unterminated u -> calls(events, u.raw(),
                        "the output ended inside a tool call (no closing marker or unbalanced JSON): ");
                case CallScanner.Piece.Body b -> calls(events, b.body(), "");
            }
        }
        return events;
    }

    /** Decodes one body; a malformed one becomes a single Malformed event. */
    private void calls(List<ToolCallEvent> events, String body, String context) {
        CallDecoder.Result result = decoder.decode(body);
        if (result.error() != null) {
            events.add(new ToolCallEvent.Malformed(context + result.error() + " in tool call: " + abbreviate(body), body));
            return;
        }
        for (CallDecoder.NameAndArguments call : result.calls()) {
            events.add(new ToolCallEvent.Call(calls++, new ToolCall(ToolCall.newId(ids), call.name(), call.arguments())));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " characters)";
    }
}
