package dev.guild.runtime.chat.internal;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python's {@code str} methods that chat templates call ({@code startswith}, {@code split},
 * {@code strip('\n')}, {@code upper}...), which Java strings lack or define differently
 * ({@code String.split} takes a regular expression). Resolves only calls on strings; everything
 * else falls through to Jinjava's own resolver.
 */
public final class PyStringMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof CharSequence chars) || !(method instanceof String name)) {
            return null;
        }
        String s = chars.toString();
        Object[] p = params == null ? new Object[0] : params;
        Object result = switch (name) {
            case "startswith" -> p.length == 1 ? s.startsWith(str(p[0])) : null;
            case "endswith" -> p.length == 1 ? s.endsWith(str(p[0])) : null;
            case "strip" -> p.length <= 1 ? rstrip(lstrip(s, chars(p)), chars(p)) : null;
            case "lstrip" -> p.length <= 1 ? lstrip(s, chars(p)) : null;
            case "rstrip" -> p.length <= 1 ? rstrip(s, chars(p)) : null;
            case "split" -> split(s, p);
            case "upper" -> p.length == 0 ? s.toUpperCase(Locale.ROOT) : null;
            case "lower" -> p.length == 0 ? s.toLowerCase(Locale.ROOT) : null;
            case "title" -> p.length == 0 ? title(s) : null;
            case "capitalize" -> p.length == 0 && !s.isEmpty()
                    ? Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT) : null;
            case "replace" -> p.length == 2 ? s.replace(str(p[0]), str(p[1])) : null;
            case "find" -> p.length == 1 ? (long) s.indexOf(str(p[0])) : null;
            case "count" -> p.length == 1 ? count(s, str(p[0])) : null;
            default -> null;
        };
        if (result != null) {
            context.setPropertyResolved(true);
        }
        return result;
    }

    private static String str(Object o) {
        return o == null ? "None" : o.toString();
    }

    private static String chars(Object[] p) {
        return p.length == 0 || p[0] == null ? null : p[0].toString();
    }

    private static boolean strips(char c, String set) {
        return set == null ? Character.isWhitespace(c) : set.indexOf(c) >= 0;
    }

    static String lstrip(String s, String set) {
        int i = 0;
        while (i < s.length() && strips(s.charAt(i), set)) {
            i++;
        }
        return s.substring(i);
    }

    static String rstrip(String s, String set) {
        int i = s.length();
        while (i > 0 && strips(s.charAt(i - 1), set)) {
            i--;
        }
        return s.substring(0, i);
    }

    private static List<Object> split(String s, Object[] p) {
        if (p.length == 0 || p[0] == null) {
            String t = s.strip();
            return t.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(t.split("\\s+")));
        }
        String sep = p[0].toString();
        int max = p.length > 1 && p[1] instanceof Number n ? n.intValue() : -1;
        List<Object> parts = new ArrayList<>(Arrays.asList(s.split(Pattern.quote(sep), max < 0 ? -1 : max + 1)));
        return parts;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return out.toString();
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1L;
        }
        long n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
