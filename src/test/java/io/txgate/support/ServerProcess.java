package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A txgate server in a JVM of its own, so a test can kill it as an operator's {@code kill -9} would: no shutdown hook,
 * no graceful stop, open transactions left to the database to roll back.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int ingestPort;
    private final Path log;

    private ServerProcess(Process process, int ingestPort, Path log) {
        this.process = process;
        this.ingestPort = ingestPort;
        this.log = log;
    }

    /** Starts a server with the PostgreSQL store in {@code schema} and waits until its ingest port accepts. */
    public static ServerProcess startOnPostgres(String schema, Path logDir) {
        int port = freePort();
        Path log = logDir.resolve("server-" + port + ".log");
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath(),
                "io.txgate.TxgateApplication",
                "--spring.profiles.active=server,postgres",
                "--txgate.server.port=" + port,
                "--txgate.server.bind-address=127.0.0.1",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + TestPostgres.urlFor(schema),
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new ServerProcess(process, port, log);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a server JVM", e);
        }
    }

    public int ingestPort() {
        return ingestPort;
    }

    /** Kills the JVM at once (SIGKILL on Linux) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitListening() {
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "server JVM exited with " + process.exitValue() + "; its log:\n" + tail());
                        }
                        return accepts();
                    });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean accepts() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ingestPort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The test class path; under Surefire java.class.path may only name a manifest jar. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
