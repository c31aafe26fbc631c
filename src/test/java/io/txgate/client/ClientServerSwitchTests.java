package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A client with two servers says, in one WARN line, when it moves from one to the other and why. */
@ExtendWith(OutputCaptureExtension.class)
class ClientServerSwitchTests {

    @TempDir
    Path dir;

    @Test
    void clientWhenFirstServerIsDownAtStartShouldLogOneSwitchNamingBothAndTheReason(CapturedOutput output) {
        int down = FreePort.find();
        int up = FreePort.find();
        try (RunningServer second = RunningServer.start(dir.resolve("second"), up);
                RunningClient client = RunningClient.start(
                        dir.resolve("client"),
                        up,
                        "txgate.client.servers=127.0.0.1:" + down + ",127.0.0.1:" + up,
                        "txgate.client.count=3")) {
            await().atMost(Duration.ofSeconds(60)).until(client.exit()::fired);

            assertThat(client.exit().code()).isZero();
            assertThat(second.storedBatchIds()).hasSize(3);
        }
        assertThat(switches(output))
                .singleElement()
                .asString()
                .contains(" WARN ")
                .contains("client switched from server 127.0.0.1:" + down + " to 127.0.0.1:" + up + ": 127.0.0.1:"
                        + down + ": connection refused");
    }

    @Test
    void clientWhenItsServerStopsShouldLogOneSwitchToTheNextServer(CapturedOutput output) {
        int firstPort = FreePort.find();
        int secondPort = FreePort.find();
        try (RunningServer second = RunningServer.start(dir.resolve("second"), secondPort);
                RunningServer first = RunningServer.start(dir.resolve("first"), firstPort)) {
            try (RunningClient client = RunningClient.start(
                    dir.resolve("client"),
                    firstPort,
                    "txgate.client.servers=127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> first.storedBatchIds().size() >= 3);
                assertThat(switches(output)).isEmpty();

                first.close();

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> second.storedBatchIds().size() >= 3);
            }
        }
        assertThat(switches(output))
                .singleElement()
                .asString()
                .contains("client switched from server 127.0.0.1:" + firstPort + " to 127.0.0.1:" + secondPort + ": "
                        + "127.0.0.1:" + firstPort + ": ");
    }

    private static List<String> switches(CapturedOutput output) {
        return output.getAll()
                .lines()
                .filter(line -> line.contains("client switched"))
                .toList();
    }
}
