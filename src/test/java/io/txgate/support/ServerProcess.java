package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code target/txgate.jar} as a child process, for tests that kill or starve it. */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int tcpPort;
    private final int httpPort;
    private final Path log;

    private ServerProcess(Process process, int tcpPort, int httpPort, Path log) {
        this.process = process;
        this.tcpPort = tcpPort;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts the server jar on free ports with the given database file and heap cap, and waits until it listens. */
    public static ServerProcess start(Path database, String maxHeap, String... extraArgs) {
        Path jar = Path.of("target", "txgate.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("target/txgate.jar is missing: run through 'mvnw verify' (package first)");
        }
        int tcpPort = freePort();
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-jar",
                jar.toString(),
                "--spring.profiles.active=server",
                "--txgate.server.port=" + tcpPort,
                "--server.port=" + httpPort,
                "--txgate.store.path=" + database));
        command.addAll(List.of(extraArgs));
        try {
            Path log = Files.createTempFile(database.getParent(), "server-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new ServerProcess(process, tcpPort, httpPort, log);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .failFast("server process exited, see " + log, () -> !process.isAlive())
                .until(this::accepts);
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

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: the graceful path. */
    public int terminate() {
        process.destroy();
        return waitFor();
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

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
