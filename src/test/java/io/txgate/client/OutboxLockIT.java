package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.FreePort;
import io.txgate.support.JarProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clients started in one folder once shared the outbox file and sent each other's batches. With the real jar: the
 * second client stops at start, naming the setting, with a non-zero exit code; the first keeps running.
 */
class OutboxLockIT {

    @TempDir
    Path workDir;

    @Test
    void secondClientWhenStartedOnTheSameOutboxShouldStopNamingTheSettingAndLeaveTheFirstRunning() throws IOException {
        // No server: the first client keeps its batches in the outbox and retries, which is all this needs.
        String[] client = {
            "--spring.profiles.active=client",
            "--server.port=0",
            "--txgate.client.host=127.0.0.1",
            "--txgate.client.port=" + FreePort.find(),
        };
        try (JarProcess first = JarProcess.start(workDir, client)) {
            first.awaitOutput("Started TxgateApplication", Duration.ofSeconds(120));

            try (JarProcess second = JarProcess.start(workDir, client)) {
                int exitCode = second.awaitExit(Duration.ofSeconds(60));
                String output = second.output();

                assertThat(exitCode).as(output).isNotZero();
                assertThat(output)
                        .contains("APPLICATION FAILED TO START")
                        .contains("The client outbox " + workDir.toRealPath().resolve("data/client-outbox.db")
                                + " is in use by another txgate client (process ")
                        .contains("txgate.client.outbox-path")
                        .doesNotContain("\tat ");
            }
            assertThat(first.isAlive()).as("the first client still runs").isTrue();
        }
    }
}
