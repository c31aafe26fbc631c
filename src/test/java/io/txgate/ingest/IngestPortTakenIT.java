package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.FreePort;
import io.txgate.support.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, a daemon's manners, checked on the real jar because a JVM's exit cannot be checked inside the test JVM:
 * a start that fails ends the process with status 1 as soon as the failure is reported, and a taken ingest port is
 * such a failure, named in one line with its setting.
 */
class IngestPortTakenIT {

    @TempDir
    Path dataDir;

    @Test
    void serverWhenItsIngestPortIsTakenShouldExitWithStatusOneNamingThePortAndSetting() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            try (ServerProcess server =
                    ServerProcess.launch(dataDir.resolve("taken.db"), "256m", port, FreePort.find())) {
                assertThat(server.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);

                String log = server.log();
                // One line, naming the port, the address of the listener that could not bind it and the setting.
                assertThat(log.lines().filter(line -> line.contains("TCP ingest port " + port + " is already in use")))
                        .singleElement()
                        .asString()
                        .matches("TCP ingest port " + port + " is already in use \\((127\\.0\\.0\\.1|\\[::1]):" + port
                                + ", txgate.server.port\\)");
                assertThat(log).doesNotContain("Started TxgateApplication").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void serverWhenItsStartFailsShouldExitRightAfterTheReport() throws IOException {
        // The HTTP port taken: the start fails after the ingest listener started, whose threads used to keep the JVM
        // alive for a minute after the report.
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            try (ServerProcess server = ServerProcess.launch(
                    dataDir.resolve("http-taken.db"), "256m", FreePort.find(), taken.getLocalPort())) {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> server.log().contains("APPLICATION FAILED TO START") || !server.isAlive());

                assertThat(server.awaitExit(Duration.ofSeconds(20)))
                        .as("exited well before an idle pool thread's minute")
                        .isEqualTo(1);
            }
        }
    }
}
