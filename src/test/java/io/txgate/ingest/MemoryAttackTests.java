package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.HonestTerminal;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13, attack 1, in the test JVM with a small budget: many connections each send a large frame without its LF,
 * more than the budget holds together. They wait for room without being read, then their frames are skipped and
 * answered UNAVAILABLE; a terminal sending ordinary batches is served all along, and every byte is given back once
 * the connections are gone. (MemoryAttackIT runs it against the jar at -Xmx256m.)
 */
@TestPropertySource(
        properties = {
            "txgate.server.max-buffered-bytes=8MB",
            "txgate.server.buffer-wait=500ms",
            "txgate.server.max-connections-per-address=100"
        })
class MemoryAttackTests extends IngestServerTestBase {

    private static final int ATTACKERS = 40;
    private static final int FRAME_BYTES = 512 * 1024;

    @Autowired
    private MemoryBudget budget;

    @Test
    void framesWhenTogetherOverTheBudgetShouldWaitThenBeRefusedWhileTerminalsAreServed() throws Exception {
        int port = ingestPort();
        byte[] unterminated = new byte[FRAME_BYTES];
        Arrays.fill(unterminated, (byte) 'x');
        List<LineClient> attackers = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(ATTACKERS);
        try (HonestTerminal terminal = HonestTerminal.start(port, "memory-honest")) {
            var written = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < ATTACKERS; i++) {
                LineClient attacker = LineClient.connectFrom("127.0.0.2", port, Duration.ofSeconds(30), 0);
                attackers.add(attacker);
                written.add(CompletableFuture.runAsync(() -> attacker.sendRaw(unterminated), writers));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> budget.used() > budget.limit() / 2);
            terminal.awaitAccepted(5);

            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<String> replies = new ArrayList<>();
            for (LineClient attacker : attackers) {
                replies.add(attacker.sendRaw(new byte[] {'\n'}).readLine());
            }
            terminal.awaitAccepted(5);

            assertThat(replies)
                    .as("each frame gets one reply: rejected as not JSON if it was held, UNAVAILABLE if it was not")
                    .allMatch(reply ->
                            reply.contains("\"code\":\"MALFORMED\"") || reply.contains("\"code\":\"UNAVAILABLE\""))
                    .anyMatch(reply -> reply.contains(IngestService.OVERLOADED));
            assertThat(terminal.failures()).isEmpty();
            System.out.printf(
                    "memory attack: %d of %d frames refused, terminal's worst reply %d ms%n",
                    replies.stream()
                            .filter(reply -> reply.contains("UNAVAILABLE"))
                            .count(),
                    ATTACKERS,
                    terminal.worstLatency().toMillis());
        } finally {
            attackers.forEach(LineClient::close);
            writers.shutdownNow();
        }
        awaitNoOpenConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);
        assertThat(partialBatches()).isZero();
    }
}
