package dev.guild.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform from the packaged jar in its own JVM, on embedded services (ephemeral data, free ports), its output
 * in a log file. {@link #close()} stops it (SIGTERM, then SIGKILL).
 */
final class PlatformProcess implements AutoCloseable {
    private static final Pattern KAFKA = Pattern.compile("kafka +embedded at ([^ ]+:\\d+)");
    private static final Pattern HTTP = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final Process process;
    private final Path log;

    private PlatformProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * CPU time the platform process has used so far (all its threads, user + system), or zero where the operating
     * system does not tell. Unlike wall-clock throughput, its growth per run hardly depends on what else the machine
     * runs, so it compares builds on a shared machine.
     */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    static PlatformProcess start(Path jar, Path log, List<String> jvmOptions, List<String> settings) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no platform jar at " + jar.toAbsolutePath()
                    + "; build it with mvn -pl server -am package -DskipTests, or pass --jar <path>");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        settings.forEach(s -> command.add("-D" + s));
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return new PlatformProcess(process, log);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the HTTP server; returns the first group of {@link #HTTP}. */
    int awaitHttpPort(Duration timeout) throws InterruptedException {
        return Integer.parseInt(await(HTTP, timeout));
    }

    String kafkaBootstrap(Duration timeout) throws InterruptedException {
        return await(KAFKA, timeout);
    }

    private String await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the platform " + (process.isAlive() ? "did not log '" + pattern
                        + "' within " + timeout : "exited with " + process.exitValue()) + "; see " + log.toAbsolutePath());
            }
            Thread.sleep(100);
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
