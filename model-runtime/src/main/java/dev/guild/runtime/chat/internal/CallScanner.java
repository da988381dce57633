package dev.guild.runtime.chat.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds tool-call bodies in streamed text: between a start and an end marker, or, without an end
 * marker, a balanced JSON value after the start marker (or at the very start of the output when
 * {@link Syntax#bareJsonAtStart()}). Text that may still turn into a marker is held back.
 */
public final class CallScanner {

    /**
     * @param start           marker that opens a call (or a list of calls)
     * @param end             marker that closes it, or null when the body is one JSON value
     * @param dropped         wrapper markers removed from the content
     * @param bareJsonAtStart an output that starts with '{' is a call
     */
    public record Syntax(String start, String end, List<String> dropped, boolean bareJsonAtStart) {
    }

    /** A piece of the output. */
    public sealed interface Piece {
        record Text(String text) implements Piece {
        }

        record Body(String body) implements Piece {
        }

        record Unterminated(String raw) implements Piece {
        }
    }

    private final Syntax syntax;
    private final List<String> markers = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private boolean inside;
    private boolean atStart = true;
    // JSON-value body state
    private int scanned;
    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escaped;

    public CallScanner(Syntax syntax) {
        this.syntax = syntax;
        markers.add(syntax.start());
        markers.addAll(syntax.dropped());
    }

    public List<Piece> accept(String text) {
        pending.append(text);
        List<Piece> out = new ArrayList<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = inside ? inside(out) : outside(out);
        }
        return out;
    }

    /** Whether the text so far has opened a call that is not closed yet. */
    public boolean inside() {
        return inside;
    }

    /** The text of the open call so far (empty outside a call). */
    public String openCall() {
        return inside ? pending.toString() : "";
    }

    public List<Piece> finish() {
        List<Piece> out = new ArrayList<>();
        if (inside) {
            out.add(new Piece.Unterminated(pending.toString()));
        } else if (!pending.isEmpty()) {
            out.add(new Piece.Text(pending.toString()));
        }
        pending.setLength(0);
        inside = false;
        return out;
    }

    private boolean outside(List<Piece> out) {
        if (atStart && syntax.bareJsonAtStart()) {
            int first = 0;
            while (first < pending.length() && Character.isWhitespace(pending.charAt(first))) {
                first++;
            }
            if (first == pending.length()) {
                return false;
            }
            atStart = false;
            if (pending.charAt(first) == '{') {
                pending.delete(0, first);
                enter();
                return true;
            }
        }
        int at = -1;
        String marker = null;
        for (String m : markers) {
            int i = pending.indexOf(m);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
                marker = m;
            }
        }
        if (at >= 0) {
            emit(out, pending.substring(0, at));
            pending.delete(0, at + marker.length());
            if (marker.equals(syntax.start())) {
                enter();
            }
            return true;
        }
        int keep = heldBack();
        emit(out, pending.substring(0, pending.length() - keep));
        pending.delete(0, pending.length() - keep);
        return false;
    }

    private void emit(List<Piece> out, String text) {
        if (!text.isEmpty()) {
            if (!text.isBlank()) {
                atStart = false;
            }
            out.add(new Piece.Text(text));
        }
    }

    private void enter() {
        inside = true;
        atStart = false;
        scanned = 0;
        depth = 0;
        started = false;
        inString = false;
        escaped = false;
    }

    /** Length of the longest end of {@code pending} that could begin a marker. */
    private int heldBack() {
        int keep = 0;
        for (String m : markers) {
            for (int n = Math.min(m.length() - 1, pending.length()); n > keep; n--) {
                if (pending.substring(pending.length() - n).equals(m.substring(0, n))) {
                    keep = n;
                    break;
                }
            }
        }
        return keep;
    }

    private boolean inside(List<Piece> out) {
        if (syntax.end() != null) {
            int at = pending.indexOf(syntax.end());
            if (at < 0) {
                return false;
            }
            out.add(new Piece.Body(pending.substring(0, at)));
            pending.delete(0, at + syntax.end().length());
            inside = false;
            return true;
        }
        for (; scanned < pending.length(); scanned++) {
            char c = pending.charAt(scanned);
            if (!started) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                if (c != '{' && c != '[') {
                    return false; // not JSON: the rest of the output is the (malformed) body
                }
                started = true;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                out.add(new Piece.Body(pending.substring(0, scanned + 1)));
                pending.delete(0, scanned + 1);
                inside = false;
                return true;
            }
        }
        return false;
    }
}
