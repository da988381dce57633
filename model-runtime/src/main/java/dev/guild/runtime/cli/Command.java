package dev.guild.runtime.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A subcommand of {@link Main}. Implementations have a public no-argument constructor and are listed in
 * {@code META-INF/services/dev.guild.runtime.cli.Command}; one class per command.
 */
public interface Command {
    int EXIT_OK = 0;
    /** The command ran but failed (bad file, I/O error). */
    int EXIT_FAILURE = 1;
    /** The command line was wrong; usage was printed. */
    int EXIT_USAGE = 2;

    /** The word that selects this command, e.g. {@code info}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The arguments after the name, e.g. {@code [--ctx N] <file.gguf>}, with a line per option below. */
    String usage();

    /**
     * Runs the command with the arguments after its name; normal output goes to {@code out}, errors to
     * {@code err}. Returns the process exit code ({@link #EXIT_OK}, {@link #EXIT_FAILURE}, {@link #EXIT_USAGE}).
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
