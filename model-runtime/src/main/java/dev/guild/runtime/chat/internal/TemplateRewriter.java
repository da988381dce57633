package dev.guild.runtime.chat.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Rewrites the few Python-Jinja constructs that Jinjava parses differently into equivalent ones it
 * parses the same way. Only the inside of {@code {{ }}} and {@code {% %}} tags changes; text between
 * tags and string literals stay as they are.
 * <ul>
 *   <li>{@code seq[::-1]} becomes {@code seq|reverse|list} (Jinjava has no slice step);</li>
 *   <li>{@code not x is defined} becomes {@code not (x is defined)} (Jinja's precedence);</li>
 *   <li>keyword arguments get parentheses, {@code f(a=x|length - 1)} becomes {@code f(a=(x|length - 1))}
 *       (Jinjava would apply the {@code - 1} to the keyword argument itself);</li>
 *   <li>one trailing newline of the template is dropped, as Jinja does by default.</li>
 * </ul>
 */
public final class TemplateRewriter {
    private static final Pattern REVERSE_SLICE = Pattern.compile("\\[\\s*:\\s*:\\s*-1\\s*]");
    private static final Pattern NOT_IS = Pattern.compile(
            "\\bnot\\s+([A-Za-z_][\\w.]*(?:\\[[^\\]\\[]*])*)\\s+is\\s+(not\\s+)?([A-Za-z_]\\w*)");

    private TemplateRewriter() {
    }

    public static String rewrite(String template) {
        String s = template.endsWith("\n") ? template.substring(0, template.length() - 1) : template;
        StringBuilder out = new StringBuilder(s.length() + 64);
        int i = 0;
        while (i < s.length()) {
            int open = nextTag(s, i);
            if (open < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, open + 2);
            String close = s.charAt(open + 1) == '{' ? "}}" : "%}";
            int end = tagEnd(s, open + 2, close);
            if (end < 0) {
                out.append(s, open + 2, s.length()); // unterminated: let the engine report it
                break;
            }
            out.append(expression(s.substring(open + 2, end)));
            i = end;
        }
        return out.toString();
    }

    private static int nextTag(String s, int from) {
        int a = s.indexOf("{{", from);
        int b = s.indexOf("{%", from);
        int c = s.indexOf("{#", from);
        int min = -1;
        for (int x : new int[] {a, b}) {
            if (x >= 0 && (min < 0 || x < min)) {
                min = x;
            }
        }
        if (c >= 0 && (min < 0 || c < min)) {
            int endComment = s.indexOf("#}", c + 2);
            return endComment < 0 ? -1 : nextTag(s, endComment + 2);
        }
        return min;
    }

    /** Index of {@code close} ending the tag, skipping string literals; -1 if none. */
    private static int tagEnd(String s, int from, String close) {
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (s.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    static String expression(String e) {
        String withKeywords = parenthesiseKeywordArguments(e);
        String reversed = REVERSE_SLICE.matcher(withKeywords).replaceAll("|reverse|list");
        return NOT_IS.matcher(reversed).replaceAll(m -> "not (" + m.group(1) + " is "
                + (m.group(2) == null ? "" : m.group(2)) + m.group(3) + ")");
    }

    private static String parenthesiseKeywordArguments(String e) {
        StringBuilder out = new StringBuilder(e.length() + 8);
        Deque<boolean[]> stack = new ArrayDeque<>(); // per open bracket: {isParen, pendingClose}
        char quote = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < e.length()) {
                    out.append(e.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> {
                    quote = c;
                    out.append(c);
                }
                case '(', '[', '{' -> {
                    stack.push(new boolean[] {c == '(', false});
                    out.append(c);
                }
                case ')', ']', '}' -> {
                    if (!stack.isEmpty() && stack.pop()[1]) {
                        out.append(')');
                    }
                    out.append(c);
                }
                case ',' -> {
                    if (!stack.isEmpty() && stack.peek()[1]) {
                        out.append(')');
                        stack.peek()[1] = false;
                    }
                    out.append(c);
                }
                default -> {
                    int keywordEnd = keywordArgument(e, i, out, stack);
                    if (keywordEnd > 0) {
                        out.append(e, i, keywordEnd).append('(');
                        stack.peek()[1] = true;
                        i = keywordEnd - 1;
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** If a keyword argument {@code name=} starts at {@code i} inside a call, the index after its '='; else -1. */
    private static int keywordArgument(String e, int i, StringBuilder out, Deque<boolean[]> stack) {
        if (stack.isEmpty() || !stack.peek()[0] || !Character.isJavaIdentifierStart(e.charAt(i))) {
            return -1;
        }
        int p = out.length() - 1;
        while (p >= 0 && Character.isWhitespace(out.charAt(p))) {
            p--;
        }
        if (p < 0 || (out.charAt(p) != '(' && out.charAt(p) != ',')) {
            return -1;
        }
        int j = i;
        while (j < e.length() && Character.isJavaIdentifierPart(e.charAt(j))) {
            j++;
        }
        int k = j;
        while (k < e.length() && Character.isWhitespace(e.charAt(k))) {
            k++;
        }
        if (k < e.length() && e.charAt(k) == '=' && (k + 1 >= e.length() || e.charAt(k + 1) != '=')) {
            return k + 1;
        }
        return -1;
    }
}
