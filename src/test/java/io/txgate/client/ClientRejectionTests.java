package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.FreePort;
import io.txgate.support.LineClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A batch the server refuses for good is logged, kept in the rejected table, and never sent again. */
@ExtendWith(OutputCaptureExtension.class)
class ClientRejectionTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void conflictingBatchWhenRejectedShouldMoveToRejectedTableAndNotBeResent(CapturedOutput output) {
        String stored = Batches.valid("clash-1", 3);
        String different = Batches.valid("clash-1", 2);
        try (var outbox = Outbox.open(dir.resolve("outbox.db"), 100, Clock.systemUTC())) {
            outbox.add("clash-1", different);
            outbox.add("after-1", Batches.valid("after-1", 1));
        }
        int port = FreePort.find();
        try (var server = RunningServer.start(dir.resolve("server"), port)) {
            try (var raw = LineClient.connect(port)) {
                assertThat(raw.exchange(stored)).contains("\"ACCEPTED\"");
            }

            try (var client =
                    RunningClient.start(dir, port, "txgate.client.count=1", "txgate.client.batch-id-prefix=rej")) {
                await().atMost(PATIENCE).until(client.exit()::fired);

                // Not every batch was acknowledged: a counted run says so in its exit code.
                assertThat(client.exit().code()).isEqualTo(1);
                assertThat(client.outbox().depth()).isZero();
                assertThat(client.outbox().rejected()).singleElement().satisfies(rejected -> {
                    assertThat(rejected.batchId()).isEqualTo("clash-1");
                    assertThat(rejected.code()).isEqualTo("CONFLICT");
                    assertThat(rejected.frame()).isEqualTo(different);
                });
                assertThat(client.counter("txgate.client.replies", "status", "REJECTED", "code", "CONFLICT"))
                        .isEqualTo(1);
                assertThat(client.counter("txgate.client.resends")).isZero();
                assertThat(output.getOut()).contains("batch clash-1 REJECTED CONFLICT");
                // The stored batch kept its first content; the batches after the rejected one went through.
                assertThat(server.jdbc()
                                .queryForObject(
                                        "select tx_count from batches where batch_id = 'clash-1'", Integer.class))
                        .isEqualTo(3);
                assertThat(server.storedBatchIds())
                        .hasSize(3)
                        .contains("after-1")
                        .anyMatch(id -> id.startsWith("rej-"));
            }
        }
    }
}
