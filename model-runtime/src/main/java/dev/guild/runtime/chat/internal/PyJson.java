package dev.guild.runtime.chat.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Serialises template values the way Python's {@code json.dumps(x, ensure_ascii=False)} does, which is
 * what Hugging Face's {@code tojson} filter calls: separators {@code ", "} and {@code ": "} (or
 * {@code ","} and {@code ": "} with an indent), non-ASCII kept, {@code indent} supported, keys in
 * insertion order, floats as Python prints them.
 */
public final class PyJson {
    private PyJson() {
    }

    public static String dumps(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object v, int indent, int depth) {
        switch (v) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case Double d -> out.append(pyFloat(d));
            case Float f -> out.append(pyFloat(f.doubleValue()));
            case BigDecimal d -> out.append(d.scale() <= 0 ? d.toBigInteger() + ".0" : d.toPlainString());
            case Number n -> out.append(n instanceof BigInteger ? n.toString() : Long.toString(n.longValue()));
            case CharSequence s -> string(out, s.toString());
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    separator(out, first, indent, depth + 1);
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(": ");
                    write(out, e.getValue(), indent, depth + 1);
                }
                close(out, indent, depth, '}');
            }
            case Iterable<?> list -> {
                if (!list.iterator().hasNext()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    separator(out, first, indent, depth + 1);
                    first = false;
                    write(out, item, indent, depth + 1);
                }
                close(out, indent, depth, ']');
            }
            case Object[] array -> write(out, java.util.Arrays.asList(array), indent, depth);
            default -> string(out, v.toString());
        }
    }

    private static void separator(StringBuilder out, boolean first, int indent, int depth) {
        if (indent < 0) {
            out.append(first ? "" : ", ");
        } else {
            out.append(first ? "\n" : ",\n").append(" ".repeat(indent * depth));
        }
    }

    private static void close(StringBuilder out, int indent, int depth, char bracket) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
        out.append(bracket);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, {@code 1.0}, {@code 1e+20}, {@code NaN}. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return new BigDecimal(d).toBigInteger() + ".0";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e).replaceFirst("\\.0$", "");
        int exp = Integer.parseInt(s.substring(e + 1));
        if (exp >= -4 && exp < 16) {
            return new BigDecimal(s).toPlainString();
        }
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
