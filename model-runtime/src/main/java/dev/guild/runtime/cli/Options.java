package dev.guild.runtime.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} command-line options, shared by the commands. */
final class Options {

    /** A usage problem, with a message that names the offending argument. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private Options() {
    }

    /**
     * Every argument must be one of {@code allowed} followed by its value.
     *
     * @return option name to value (the last occurrence wins)
     */
    static Map<String, String> parse(List<String> args, Set<String> allowed) throws UsageException {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!allowed.contains(a)) {
                throw new UsageException(a.startsWith("-") ? "unknown option '" + a + "'" : "unexpected argument '" + a + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(a + " needs a value");
            }
            opts.put(a, args.get(++i));
        }
        return opts;
    }
}
