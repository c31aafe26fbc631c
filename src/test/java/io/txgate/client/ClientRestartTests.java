package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.FreePort;
import io.txgate.support.LineClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A client killed with batches in its outbox: the next start sends them first, in order, and each is stored once. The
 * outbox file is written the way a killed client leaves it, including a batch the server had stored before the kill
 * (its reply was lost).
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientRestartTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void leftoverBatchesWhenClientRestartsShouldBeSentFirstAndStoredOnce(CapturedOutput output) {
        try (var outbox = Outbox.open(dir.resolve("outbox.db"), 100, Clock.systemUTC())) {
            for (int i = 1; i <= 3; i++) {
                outbox.add("prev-00000" + i, Batches.valid("prev-00000" + i, 2));
            }
        }
        int port = FreePort.find();
        try (var server = RunningServer.start(dir.resolve("server"), port)) {
            // Stored before the "kill": the client never saw the reply, so the batch is still in its outbox.
            try (var raw = LineClient.connect(port)) {
                assertThat(raw.exchange(Batches.valid("prev-000001", 2))).contains("\"ACCEPTED\"");
            }

            try (var client =
                    RunningClient.start(dir, port, "txgate.client.count=2", "txgate.client.batch-id-prefix=next")) {
                await().atMost(PATIENCE).until(client.exit()::fired);

                assertThat(client.exit().code()).isZero();
                List<String> stored = server.storedBatchIds();
                assertThat(stored).hasSize(5).doesNotHaveDuplicates();
                assertThat(stored.subList(0, 3)).containsExactly("prev-000001", "prev-000002", "prev-000003");
                assertThat(stored.subList(3, 5)).allMatch(id -> id.startsWith("next-"));
                assertThat(server.storedTransactions()).isEqualTo(3 * 2 + 2 * 10);
                assertThat(client.counter("txgate.client.replies", "status", "DUPLICATE"))
                        .isEqualTo(1);
                assertThat(client.outbox().depth()).isZero();
                assertThat(output.getOut()).contains("holds 3 batches not acknowledged in an earlier run");
            }
        }
    }
}
