package dev.guild.runtime.chat.internal;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** The global functions Hugging Face adds to the chat template environment. */
public final class JinjaFunctions {
    /** Context variable holding the {@link ZonedDateTime} that {@code strftime_now} reports. */
    public static final String NOW_VARIABLE = "__guild_now__";

    private JinjaFunctions() {
    }

    /** {@code raise_exception(message)}: the template refuses the conversation. */
    public static Object raiseException(Object message) {
        throw new TemplateRaisedException(String.valueOf(message));
    }

    /** {@code strftime_now(format)}: the render time in Python {@code strftime} format. */
    public static String strftimeNow(String format) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        Object now = interpreter == null ? null : interpreter.getContext().get(NOW_VARIABLE);
        return strftime(now instanceof ZonedDateTime t ? t : ZonedDateTime.now(), format);
    }

    /** Python's {@code strftime} for the directives chat templates use (C locale). */
    public static String strftime(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char d = format.charAt(++i);
            boolean unpadded = d == '-' && i + 1 < format.length();
            if (unpadded) {
                d = format.charAt(++i);
            }
            String two = unpadded ? "%d" : "%02d";
            out.append(switch (d) {
                case 'Y' -> Integer.toString(t.getYear());
                case 'y' -> "%02d".formatted(t.getYear() % 100);
                case 'm' -> two.formatted(t.getMonthValue());
                case 'd' -> two.formatted(t.getDayOfMonth());
                case 'e' -> "%2d".formatted(t.getDayOfMonth());
                case 'H' -> two.formatted(t.getHour());
                case 'I' -> two.formatted((t.getHour() + 11) % 12 + 1);
                case 'M' -> two.formatted(t.getMinute());
                case 'S' -> two.formatted(t.getSecond());
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'j' -> "%03d".formatted(t.getDayOfYear());
                case '%' -> "%";
                default -> "%" + (unpadded ? "-" : "") + d;
            });
        }
        return out.toString();
    }

    /** What {@code raise_exception} throws; the renderer turns it into a {@code ChatTemplateException}. */
    public static final class TemplateRaisedException extends RuntimeException {
        public TemplateRaisedException(String message) {
            super(message);
        }
    }
}
