package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.HonestTerminal;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.LogBytes;
import io.txgate.support.UntilClosed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 13, attack 2: one client takes connection slots and holds them for free (silent, or pipelining without
 * reading its replies, or sending only garbage) while honest terminals must still be served. The attacker connects
 * from 127.0.0.2, the terminal from 127.0.0.1.
 */
@TestPropertySource(
        properties = {
            "txgate.server.max-connections=" + SlotAttackTests.MAX_CONNECTIONS,
            "txgate.server.max-connections-per-address=" + SlotAttackTests.PER_ADDRESS,
            "txgate.server.idle-timeout=2s",
            "txgate.server.write-timeout=1s",
            "txgate.server.rejected-frames-timeout=1s"
        })
class SlotAttackTests extends IngestServerTestBase {

    static final int MAX_CONNECTIONS = 30;
    static final int PER_ADDRESS = 10;
    private static final String ATTACKER = "127.0.0.2";

    @Test
    void addressWhenOpeningEverySlotShouldGetItsShareWhileTerminalsAreServed() {
        int port = ingestPort();
        List<LineClient> attacker = new ArrayList<>();
        try (HonestTerminal terminal = HonestTerminal.start(port, "slots-honest")) {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                attacker.add(LineClient.connectFrom(ATTACKER, port, Duration.ofSeconds(20), 0));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> openFrom(ATTACKER) == PER_ADDRESS);

            terminal.awaitAccepted(5);
            // Silent connections hold nothing for long: only valid batches reset the idle timeout.
            await().atMost(Duration.ofSeconds(30)).until(() -> openFrom(ATTACKER) == 0);
            terminal.awaitAccepted(5);
            assertThat(terminal.failures()).isEmpty();
            System.out.printf(
                    "slot attack: terminal's worst reply %d ms%n",
                    terminal.worstLatency().toMillis());
        } finally {
            attacker.forEach(LineClient::close);
        }
        awaitNoOpenConnections();
        assertThat(partialBatches()).isZero();
    }

    @Test
    void clientWhenNotReadingItsRepliesShouldBeClosedAfterTheWriteTimeout() throws Exception {
        int port = ingestPort();
        // A valid batch, answered DUPLICATE from the second time on: only the write timeout can end this connection.
        byte[] frame = (Batches.valid("slots-unread", 1) + "\r\n").getBytes(StandardCharsets.UTF_8);
        var sent = new AtomicInteger();
        try (var log = LogBytes.capture();
                HonestTerminal terminal = HonestTerminal.start(port, "unread-honest");
                LineClient attacker = LineClient.connectFrom(ATTACKER, port, Duration.ofSeconds(20), 4096)) {
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        attacker.sendRaw(frame);
                        sent.incrementAndGet();
                    }
                } catch (RuntimeException closedByServer) {
                    // the server reset the connection: the end this test waits for
                }
            });
            terminal.awaitAccepted(5);

            await().atMost(Duration.ofSeconds(30)).until(() -> openFrom(ATTACKER) == 0);
            flood.get(30, TimeUnit.SECONDS);
            terminal.awaitAccepted(5);

            assertThat(sent.get()).as("cut off long before the flood ended").isLessThan(50_000);
            assertThat(terminal.failures()).isEmpty();
            assertThat(log.lines())
                    .anyMatch(line -> line.endsWith(
                            "closed: the client did not read its replies for 1 s" + " (txgate.server.write-timeout)"));
        }
        awaitNoOpenConnections();
        assertThat(partialBatches()).isZero();
    }

    @Test
    void connectionWhenSendingOnlyRejectedFramesShouldGetItsLastReplyAndBeClosed() {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        var sent = new AtomicInteger();
        try (var log = LogBytes.capture();
                LineClient client = LineClient.connectFrom(ATTACKER, ingestPort(), Duration.ofSeconds(20), 0)) {
            assertThat(client.exchange(Batches.valid("slots-first", 1))).contains("ACCEPTED");
            trickle.scheduleAtFixedRate(
                    () -> {
                        if (sent.get() < 100) {
                            try {
                                client.sendRaw(new byte[] {'\n'});
                                sent.incrementAndGet();
                            } catch (RuntimeException closedByServer) {
                                sent.set(100);
                            }
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);

            List<String> replies = UntilClosed.read(client);

            assertThat(replies).isNotEmpty().allMatch(reply -> reply.contains("\"code\":\"MALFORMED\""));
            assertThat(sent.get()).as("closed long before the client gave up").isLessThan(100);
            assertThat(log.lines())
                    .anyMatch(line -> line.contains("closed after its last reply: only rejected frames for 1 s"));
        } finally {
            trickle.shutdownNow();
        }
        awaitNoOpenConnections();
    }

    private int openFrom(String address) {
        return ((IngestServerConnectionFactory) ingestConnectionFactory).from(address);
    }
}
