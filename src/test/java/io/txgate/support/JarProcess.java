package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code target/txgate.jar} in a JVM of its own, started in a working directory of the test's choosing, for
 * what only a process shows: its exit code, what it leaves on disk, and what it logs from the first line. Its output
 * goes to a file under {@code target/test-logs}, which outlives the test.
 */
public final class JarProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "test-logs").toAbsolutePath();

    private final Process process;
    private final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar target/txgate.jar args...} in {@code workDir}. */
    public static JarProcess start(Path workDir, String... args) {
        Path jar = Path.of("target", "txgate.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("target/txgate.jar is missing: run through 'mvnw verify' (package first)");
        }
        List<String> command = new ArrayList<>(
                List.of(ServerProcess.javaCommand(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile(Files.createDirectories(LOG_DIR), "jar-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new JarProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end by itself and returns its exit code; fails if it runs longer than {@code limit}. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("still running after " + limit + "; its log " + log + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the output holds {@code text}; fails early if the process ends first. */
    public void awaitOutput(String text, Duration limit) {
        await().atMost(limit)
                .pollInterval(Duration.ofMillis(200))
                .failFast("process exited, see its log " + log, () -> !process.isAlive() && !output().contains(text))
                .until(() -> output().contains(text));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
