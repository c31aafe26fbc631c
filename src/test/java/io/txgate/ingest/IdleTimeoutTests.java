package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.UntilClosed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "txgate.server.idle-timeout=1s")
class IdleTimeoutTests extends IngestServerTestBase {

    @Test
    void connectionWhenSilentLongerThanIdleTimeoutShouldBeClosedByServer() {
        try (LineClient client = LineClient.connect(ingestPort(), Duration.ofSeconds(15))) {
            assertThat(client.exchange(Batches.valid("idle-1", 1))).contains("ACCEPTED");
            long start = System.nanoTime();

            // readLine blocks until the server closes the socket: end of stream, not a reply.
            assertThat(client.readLine()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** Issue 13: an LF every few seconds kept a connection open for ever; only valid batches count now. */
    @Test
    void connectionWhenSendingOnlyEmptyLinesShouldStillBeClosedAtTheIdleTimeout() {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        var sent = new AtomicInteger();
        try (LineClient client = LineClient.connectFrom("127.0.0.2", ingestPort(), Duration.ofSeconds(15), 0)) {
            assertThat(client.exchange(Batches.valid("idle-2", 1))).contains("ACCEPTED");
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
                    200,
                    200,
                    TimeUnit.MILLISECONDS);

            List<String> replies = UntilClosed.read(client);

            assertThat(replies).allMatch(reply -> reply.contains("\"code\":\"MALFORMED\""));
            assertThat(sent.get())
                    .as("closed long before the client stopped sending")
                    .isLessThan(100);
        } finally {
            trickle.shutdownNow();
        }
        awaitNoOpenConnections();
    }
}
