package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A peer trickling a frame byte by byte cannot keep its connection (and the thread behind it) forever. */
@TestPropertySource(properties = "txgate.server.frame-timeout=1s")
class FrameTimeoutTests extends IngestServerTestBase {

    @Test
    void frameWhenTrickledSlowerThanFrameTimeoutShouldCloseConnectionAndStoreNothing() {
        byte[] frame = (Batches.valid("slow-1", 1) + "\r\n").getBytes(StandardCharsets.UTF_8);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (LineClient slow = LineClient.connect(ingestPort(), Duration.ofSeconds(20));
                LineClient other = connect()) {
            var sent = new AtomicInteger();
            trickle.scheduleAtFixedRate(
                    () -> {
                        int i = sent.getAndIncrement();
                        if (i < frame.length && !slow.socket().isClosed()) {
                            try {
                                slow.sendRaw(new byte[] {frame[i]});
                            } catch (RuntimeException closedByServer) {
                                sent.set(frame.length);
                            }
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);

            assertThat(slow.readLine()).as("closed without a reply").isNull();
            assertThat(sent.get())
                    .as("closed long before the frame was complete")
                    .isLessThan(frame.length);
            assertThat(other.exchange(Batches.valid("slow-other", 1))).contains("ACCEPTED");
        } finally {
            trickle.shutdownNow();
        }
        assertThat(storedTransactions("slow-1")).isZero();
    }

    @Test
    void connectionWhenIdleBetweenFramesLongerThanFrameTimeoutShouldStayOpen() throws Exception {
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("slow-2a", 1))).contains("ACCEPTED");
            // The frame clock starts at a frame's first byte, so a pause between frames does not count.
            var pause = Executors.newSingleThreadScheduledExecutor();
            try {
                String reply = pause.schedule(
                                () -> client.exchange(Batches.valid("slow-2b", 1)), 1500, TimeUnit.MILLISECONDS)
                        .get(20, TimeUnit.SECONDS);
                assertThat(reply).contains("ACCEPTED");
            } finally {
                pause.shutdownNow();
            }
        }
    }
}
