package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.LineClient;
import io.txgate.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 50 clients each send a frame of almost 1 MiB at the same moment to a server capped at 512 MB of heap. */
class LargeFramesIT {

    private static final int CLIENTS = 50;
    private static final int FRAME_BYTES = 1_040_000;

    @TempDir
    Path dataDir;

    @Test
    void fiftyOneMebibyteFramesWhenSentAtOnceShouldAllBeAnsweredWithin512MbHeap() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir.resolve("large.db"), "512m")) {
            var start = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String frame = largeFrame("large-" + i);
                replies.add(clients.submit(() -> {
                    try (LineClient client = LineClient.connect(server.tcpPort())) {
                        start.await();
                        return client.exchange(frame);
                    }
                }));
            }
            start.countDown();
            for (int i = 0; i < CLIENTS; i++) {
                assertThat(replies.get(i).get(120, TimeUnit.SECONDS))
                        .isEqualTo("{\"batchId\":\"large-" + i + "\",\"status\":\"ACCEPTED\",\"count\":1000}");
            }
            clients.shutdownNow();
            assertThat(server.isAlive()).isTrue();
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
        }
    }

    /** A valid 1000-transaction batch padded with an ignored unknown field up to FRAME_BYTES. */
    private static String largeFrame(String batchId) {
        String batch = Batches.valid(batchId, 1000);
        int padding = FRAME_BYTES - batch.getBytes(StandardCharsets.UTF_8).length - ",\"padding\":\"\"".length();
        return batch.substring(0, batch.length() - 1) + ",\"padding\":\"" + "p".repeat(padding) + "\"}";
    }
}
