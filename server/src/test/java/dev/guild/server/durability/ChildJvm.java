package dev.guild.server.durability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM running the packaged jar ({@code server/target/quarkus-app/quarkus-run.jar}), its output written to a log
 * file under {@code target/} that outlives the test for diagnosis. {@link #close()} always stops it.
 */
final class ChildJvm implements AutoCloseable {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <jvmArgs> -jar quarkus-run.jar <appArgs>}, logging to {@code logDir/<name>.log}. */
    static ChildJvm start(String name, Path logDir, List<String> jvmArgs, List<String> appArgs) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; run mvn verify (package runs before"
                    + " integration-test)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(appArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new ChildJvm(name, process, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** The last lines of the log, for failure messages. */
    String tail() {
        List<String> lines = lines();
        return "--- last lines of " + log + " ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Waits until a line of the output matches; fails with the log's tail when the JVM ends or time runs out. */
    String awaitLine(Predicate<String> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before " + what + "\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not show " + what + " within " + timeout + "\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** The {@code key=value} lines that follow {@code header} up to the next blank line. */
    Map<String, String> settingsAfter(String header, Duration timeout) throws InterruptedException {
        awaitLine(header::equals, "'" + header + "'", timeout);
        awaitLine(String::isBlank, "the end of the settings block", timeout);
        Map<String, String> settings = new LinkedHashMap<>();
        boolean in = false;
        for (String line : lines()) {
            if (line.equals(header)) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in && line.contains("=")) {
                settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return settings;
    }

    /** kill -9: {@link Process#destroyForcibly()} on the JVM, then checks that the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") still runs 30 s after SIGKILL");
        }
        if (ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new AssertionError(name + " (pid " + pid() + ") is still listed as alive after SIGKILL");
        }
    }

    /** Stops the JVM: SIGTERM, and SIGKILL when it has not ended after {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }
}
