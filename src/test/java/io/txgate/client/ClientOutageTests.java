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
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.Lifecycle;

/** A client whose server is not there: it keeps every batch in its outbox and delivers it once the server is back. */
@ExtendWith(OutputCaptureExtension.class)
class ClientOutageTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void batchesWhenServerDownAtStartShouldAllBeStoredOnceAfterItStarts() {
        int port = FreePort.find();
        try (var client =
                RunningClient.start(dir, port, "txgate.client.count=4", "txgate.client.batch-id-prefix=down")) {
            await().atMost(PATIENCE)
                    .until(() -> client.outbox().depth() >= 2 && client.counter("txgate.client.reconnects") >= 2);
            assertThat(client.exit().fired()).isFalse();

            try (var server = RunningServer.start(dir.resolve("server"), port)) {
                await().atMost(PATIENCE).until(client.exit()::fired);

                assertThat(client.exit().code()).isZero();
                List<String> stored = server.storedBatchIds();
                assertThat(stored).hasSize(4).doesNotHaveDuplicates().allMatch(id -> id.startsWith("down-"));
                // Zero-padded sequence numbers: sorted ids are the generation order.
                assertThat(stored).isSorted();
                assertThat(server.storedTransactions()).isEqualTo(40);
                assertThat(client.outbox().depth()).isZero();
                assertThat(client.counter("txgate.client.resends")).isPositive();
            }
        }
    }

    @Test
    void batchesWhenServerStopsAndComesBackShouldAllBeStoredOnce() {
        int port = FreePort.find();
        Path serverDir = dir.resolve("server");
        try (var client = RunningClient.start(dir, port, "txgate.client.batch-id-prefix=gap")) {
            try (var server = RunningServer.start(serverDir, port)) {
                await().atMost(PATIENCE).until(() -> server.storedBatchIds().size() >= 2);
            }
            // The client keeps generating (no count) while the server is gone.
            await().atMost(PATIENCE).until(() -> client.outbox().depth() >= 3);

            try (var server = RunningServer.start(serverDir, port)) {
                await().atMost(PATIENCE).until(() -> server.storedBatchIds().size() >= 6);
                client.context().getBean("batchSource", Lifecycle.class).stop();
                ClientRun run = client.context().getBean(ClientRun.class);
                // A poll running while the endpoint stopped may still add one batch: wait for it to arrive as well.
                await().atMost(PATIENCE)
                        .until(() -> client.outbox().depth() == 0
                                && server.storedBatchIds().size() == run.generatedCount());

                List<String> stored = server.storedBatchIds();
                assertThat(stored).doesNotHaveDuplicates().isSorted().allMatch(id -> id.startsWith("gap-"));
                assertThat(server.storedTransactions()).isEqualTo(run.generatedCount() * 10);
            }
        }
    }

    @Test
    void outboxWhenFullShouldPauseGenerationDropNothingAndResumeAfterDrain(CapturedOutput output) {
        int port = FreePort.find();
        try (var client = RunningClient.start(
                dir,
                port,
                "txgate.client.count=7",
                "txgate.client.outbox-max-batches=3",
                "txgate.client.interval=20ms",
                "txgate.client.batch-id-prefix=full")) {
            var health = client.context().getBean(OutboxHealthIndicator.class);
            await().atMost(PATIENCE).until(() -> client.outbox().depth() == 3);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("depth", 3).containsKey("oldestAgeMillis");

            // Many more polls pass while the server is down: none of them adds a batch.
            await().during(Duration.ofMillis(600))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> client.outbox().depth() == 3);
            assertThat(output.getOut().split("is full", -1)).hasSize(2);

            try (var server = RunningServer.start(dir.resolve("server"), port)) {
                await().atMost(PATIENCE).until(client.exit()::fired);

                assertThat(client.exit().code()).isZero();
                assertThat(server.storedBatchIds())
                        .hasSize(7)
                        .doesNotHaveDuplicates()
                        .isSorted();
                assertThat(output.getOut()).contains("generation resumed");
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            }
        }
    }
}
