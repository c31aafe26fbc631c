package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A txgate server in a JVM of its own, for tests that kill or starve it: either the real {@code target/txgate.jar}
 * (failsafe, after package) or the test class path (surefire). Its output goes to a file under {@code
 * target/test-logs}, which outlives the test's temporary folders so a failure can be read afterwards.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Path LOG_DIR = Path.of("target", "test-logs");

    private final Process process;
    private final int tcpPort;
    private final int httpPort;
    private final int managementPort;
    private final Path log;

    private ServerProcess(Process process, int tcpPort, int httpPort, int managementPort, Path log) {
        this.process = process;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the server jar on free ports with the given database file and heap cap, and waits until it listens. */
    public static ServerProcess start(Path database, String maxHeap, String... extraArgs) {
        ServerProcess server = launch(database, maxHeap, FreePort.find(), FreePort.find(), extraArgs);
        server.awaitListening();
        return server;
    }

    /** Starts the server jar like {@link #start}, but returns at once: for tests that act during its start. */
    public static ServerProcess begin(Path database, String maxHeap, String... extraArgs) {
        return launch(database, maxHeap, FreePort.find(), FreePort.find(), extraArgs);
    }

    /** Starts the server jar on the given ports without waiting for anything, e.g. for a start that must fail. */
    public static ServerProcess launch(Path database, String maxHeap, int tcpPort, int httpPort, String... extraArgs) {
        Path jar = Path.of("target", "txgate.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("target/txgate.jar is missing: run through 'mvnw verify' (package first)");
        }
        int managementPort = FreePort.find();
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
     * Starts a server from the test class path with one more JVM option, on free ports with the given database file,
     * and waits until it listens on 127.0.0.1.
     */
    public static ServerProcess startFromClassPath(Path database, String jvmOption, String... extraArgs) {
        int tcpPort = FreePort.find();
        int httpPort = FreePort.find();
        int managementPort = FreePort.find();
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
        server.awaitListening();
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
        int tcpPort = FreePort.find();
        int httpPort = FreePort.find();
        int managementPort = FreePort.find();
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
        server.awaitListening();
        return server;
    }

    private static ServerProcess launch(List<String> command, int tcpPort, int httpPort, int managementPort) {
        try {
            Path log = Files.createTempFile(Files.createDirectories(LOG_DIR), "server-" + tcpPort + "-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServerProcess(process, tcpPort, httpPort, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the ingest port accepts connections; closes the server and fails if it does not. */
    public void awaitListening() {
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("server process exited, see its log " + log, () -> !process.isAlive())
                    .until(this::accepts);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean accepts() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", tcpPort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** The HTTP port of the read API. */
    public int httpPort() {
        return httpPort;
    }

    /** The management port (health, metrics); the server knows the {@link TestTokens}. */
    public int managementPort() {
        return managementPort;
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
