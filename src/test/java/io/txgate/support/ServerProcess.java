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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A txgate server in a JVM of its own, for tests that kill or starve it: either the real {@code target/txgate.jar}
 * (failsafe, after package) or the test class path (surefire). Its output goes to a file under {@code
 * target/test-logs}, which outlives the test's temporary folders so a failure can be read afterwards.
 *
 * <p>The server picks its own ports (port 0) and the test reads them from its ready line. Ports picked free by the
 * test and handed to the child could be taken in between by another test JVM's server; then waiting for "something
 * accepts on the port" was satisfied by the wrong server.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "test-logs");
    private static final Pattern READY_PORTS =
            Pattern.compile("txgate ready: ingest \\S+:(\\d+).*; HTTP \\S+:(\\d+).*; management \\S+:(\\d+)");

    private final Process process;
    private final Path log;
    private volatile int tcpPort;
    private volatile int httpPort;
    private volatile int managementPort;

    private ServerProcess(Process process, int tcpPort, int httpPort, int managementPort, Path log) {
        this.process = process;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the server jar on ports of its choosing with the given database file and heap cap; waits until ready. */
    public static ServerProcess start(Path database, String maxHeap, String... extraArgs) {
        ServerProcess server = launch(database, maxHeap, 0, 0, extraArgs);
        server.awaitReady();
        return server;
    }

    /**
     * Starts the server jar like {@link #start}, but returns at once: for tests that act during its start. Its ports
     * are known once {@link #awaitReady} returned.
     */
    public static ServerProcess begin(Path database, String maxHeap, String... extraArgs) {
        return launch(database, maxHeap, 0, 0, extraArgs);
    }

    /** Starts the server jar on the given ports without waiting for anything, e.g. for a start that must fail. */
    public static ServerProcess launch(Path database, String maxHeap, int tcpPort, int httpPort, String... extraArgs) {
        Path jar = Path.of("target", "txgate.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("target/txgate.jar is missing: run through 'mvnw verify' (package first)");
        }
        int managementPort = 0;
        List<String> command = new ArrayList<>(List.of(
                javaCommand(),
                "-Xmx" + maxHeap,
                // C1 only, as in the tests' other child JVMs: a start costs about a third less CPU on 2 cores, and
                // these tests check behaviour and memory bounds, not peak speed.
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--spring.profiles.active=server",
                "--txgate.server.port=" + tcpPort,
                "--server.port=" + httpPort,
                "--management.server.port=" + managementPort,
                "--txgate.store.path=" + database));
        command.addAll(TestTokens.arguments());
        command.addAll(List.of(extraArgs));
        return launch(command, tcpPort, httpPort, managementPort);
    }

    /**
     * Starts a server from the test class path with one more JVM option, on ports of its choosing with the given
     * database file, and waits until it is ready.
     */
    public static ServerProcess startFromClassPath(Path database, String jvmOption, String... extraArgs) {
        int tcpPort = 0;
        int httpPort = 0;
        int managementPort = 0;
        List<String> command = new ArrayList<>(List.of(
                javaCommand(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                jvmOption,
                "-cp",
                testClassPath(),
                "io.txgate.TxgateApplication",
                "--spring.profiles.active=server",
                "--txgate.server.port=" + tcpPort,
                "--server.port=" + httpPort,
                "--management.server.port=" + managementPort,
                "--txgate.store.path=" + database));
        command.addAll(TestTokens.arguments());
        command.addAll(List.of(extraArgs));
        ServerProcess server = launch(command, tcpPort, httpPort, managementPort);
        server.awaitReady();
        return server;
    }

    /** Waits until the server's log holds {@code text}; fails if the server exits first. */
    public void awaitLog(String text, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(20))
                .failFast("server process exited, see its log " + log, () -> !process.isAlive())
                .until(() -> log().contains(text));
    }

    /** Starts a server from the test class path with the PostgreSQL store in {@code schema}. */
    public static ServerProcess startOnPostgres(String schema) {
        int tcpPort = 0;
        int httpPort = 0;
        int managementPort = 0;
        List<String> command = new ArrayList<>(List.of(
                javaCommand(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                testClassPath(),
                "io.txgate.TxgateApplication",
                "--spring.profiles.active=server,postgres",
                "--txgate.server.port=" + tcpPort,
                "--txgate.server.bind-address=127.0.0.1",
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + TestPostgres.urlFor(schema),
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD));
        command.addAll(TestTokens.arguments());
        ServerProcess server = launch(command, tcpPort, httpPort, managementPort);
        server.awaitReady();
        return server;
    }

    private static ServerProcess launch(List<String> command, int tcpPort, int httpPort, int managementPort) {
        try {
            Path log = Files.createTempFile(Files.createDirectories(LOG_DIR), "server-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServerProcess(process, tcpPort, httpPort, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the server's ready line and takes its ports from it; closes the server and fails if it exits first or
     * is not ready in time.
     */
    public void awaitReady() {
        try {
            Matcher ready = await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("server process exited, see its log " + log, () -> !process.isAlive())
                    .until(() -> READY_PORTS.matcher(log()), Matcher::find);
            tcpPort = Integer.parseInt(ready.group(1));
            httpPort = Integer.parseInt(ready.group(2));
            managementPort = Integer.parseInt(ready.group(3));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public int tcpPort() {
        return known(tcpPort);
    }

    /** The HTTP port of the read API. */
    public int httpPort() {
        return known(httpPort);
    }

    /** The management port (health, metrics); the server knows the {@link TestTokens}. */
    public int managementPort() {
        return known(managementPort);
    }

    private int known(int port) {
        if (port == 0) {
            throw new IllegalStateException("the server chooses its ports: they are known after awaitReady()");
        }
        return port;
    }

    /** Waits for the process to end by itself, at most {@code limit}, and returns its exit status. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("server process still running after " + limit + ", see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
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
            waitFor();
        }
    }

    /** The java launcher of the JVM running the tests. */
    public static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path; under Surefire java.class.path may only name a manifest jar. */
    public static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
