package dev.guild.runtime.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Command line of Guild's model runtime: {@code guild-runtime <command> [arguments]}. */
public final class Main {
    public static final String PROGRAM = "guild-runtime";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Command> commands = commands();
        if (args.length == 0) {
            err.println("missing command");
            printUsage(err, commands);
            return Command.EXIT_USAGE;
        }
        if (args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            printUsage(out, commands);
            return Command.EXIT_OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (Command c : commands) {
            if (c.name().equals(args[0])) {
                if (rest.contains("-h") || rest.contains("--help")) {
                    out.println(usageOf(c));
                    return Command.EXIT_OK;
                }
                return c.run(rest, out, err);
            }
        }
        err.println("unknown command '" + args[0] + "'; available: " + String.join(", ", commands.stream().map(Command::name).toList()));
        printUsage(err, commands);
        return Command.EXIT_USAGE;
    }

    /** "usage: guild-runtime info ..." for {@code command}. */
    public static String usageOf(Command command) {
        return "usage: " + PROGRAM + " " + command.name() + " " + command.usage();
    }

    static List<Command> commands() {
        return ServiceLoader.load(Command.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Command::name)).toList();
    }

    private static void printUsage(PrintStream to, List<Command> commands) {
        to.println("usage: " + PROGRAM + " <command> [arguments]");
        to.println("commands:");
        for (Command c : commands) {
            to.printf("  %-10s %s%n", c.name(), c.summary());
        }
        to.println("Run '" + PROGRAM + " <command> --help' for the arguments of a command.");
    }
}
