package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.HonestTerminal;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.LogBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, attack 4: what an anonymous client can make the server log is bounded. A flood of empty lines (each one a
 * rejected frame) costs a few lines and a count, not a line per frame; clients that send 64 KiB and leave cost a line
 * or two each, with no ERROR and no stack trace; no frame content reaches the log.
 */
class LogFloodTests extends IngestServerTestBase {

    private static final int FLOOD_FRAMES = 20_000;
    private static final String SECRET = "ACC-SECRET-4711";

    @Test
    void emptyLinesWhenFloodedShouldCostAFewLinesAndACount() throws Exception {
        int port = ingestPort();
        try (var log = LogBytes.capture();
                HonestTerminal terminal = HonestTerminal.start(port, "flood-honest");
                LineClient flooder = LineClient.connectFrom("127.0.0.2", port, Duration.ofSeconds(30), 0)) {
            CompletableFuture<Integer> malformed = CompletableFuture.supplyAsync(() -> countMalformed(flooder));
            byte[] lines = new byte[1_000];
            Arrays.fill(lines, (byte) '\n');
            // A frame with account data in it: its content must not reach the log.
            flooder.sendRaw((SECRET + " is not JSON\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FLOOD_FRAMES / lines.length; i++) {
                flooder.sendRaw(lines);
            }
            flooder.shutdownOutput();

            assertThat(malformed.get(60, TimeUnit.SECONDS)).isEqualTo(FLOOD_FRAMES + 1);
            terminal.awaitAccepted(3);
            long bytes = log.bytes();

            assertThat(bytes)
                    .as("a few lines in full and a count, not one line per frame: %s", log.text())
                    .isLessThan(2_000 * (RejectionLog.FULL_LINES + 2));
            assertThat(log.text()).doesNotContain(SECRET);
            assertThat(terminal.failures()).isEmpty();
            System.out.printf(
                    "empty-line flood: %d rejected frames, %d log bytes (%.1f per 1,000), terminal's worst reply %d ms%n",
                    FLOOD_FRAMES + 1,
                    bytes,
                    bytes * 1_000.0 / (FLOOD_FRAMES + 1),
                    terminal.worstLatency().toMillis());
        }
        awaitNoOpenConnections();
        assertThat(partialBatches()).isZero();
    }

    @Test
    void clientsWhenSending64KiBAndLeavingShouldCostALineOrTwoEachAndNoError() {
        int port = ingestPort();
        int clients = 20;
        byte[] burst = new byte[64 * 1024];
        Arrays.fill(burst, (byte) '\n');
        List<Integer> ports = new ArrayList<>();
        try (var log = LogBytes.capture();
                HonestTerminal terminal = HonestTerminal.start(port, "leave-honest")) {
            for (int i = 0; i < clients; i++) {
                try (LineClient client = LineClient.connectFrom("127.0.0.2", port, Duration.ofSeconds(30), 0)) {
                    ports.add(client.socket().getLocalPort());
                    client.sendRaw(burst);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ((IngestServerConnectionFactory) ingestConnectionFactory).from("127.0.0.2") == 0);
            terminal.awaitAccepted(3);

            List<String> lines = log.lines();
            for (int clientPort : ports) {
                assertThat(lines.stream().filter(line -> line.contains("127.0.0.2:" + clientPort + ":")))
                        .as("lines about the client on port %d", clientPort)
                        .hasSizeLessThanOrEqualTo(RejectionLog.FULL_LINES + 2);
            }
            assertThat(lines)
                    .noneMatch(line -> line.contains("Connection not found"))
                    .noneMatch(line -> line.contains("[with stack trace]"));
            assertThat(terminal.failures()).isEmpty();
            System.out.printf(
                    "64 KiB and leave, %d clients: %d log bytes, terminal's worst reply %d ms%n",
                    clients, log.bytes(), terminal.worstLatency().toMillis());
        }
        awaitNoOpenConnections();
    }

    private static int countMalformed(LineClient client) {
        int malformed = 0;
        for (String reply = client.readLine(); reply != null; reply = client.readLine()) {
            assertThat(reply).contains("\"code\":\"MALFORMED\"");
            malformed++;
        }
        return malformed;
    }
}
