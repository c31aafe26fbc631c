package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lost replies and UNAVAILABLE: the client sends the very same frame again until the server acknowledges it. */
class ClientRetryTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void batchWhenReplyTimesOutShouldBeResentOnNewConnectionWithSameFrame() throws Exception {
        try (var server = StubServer.start((n, frame) -> n == 1 ? null : accepted(frame));
                var client = RunningClient.start(
                        dir, server.port(), "txgate.client.count=1", "txgate.client.reply-timeout=300ms")) {
            await().atMost(PATIENCE).until(client.exit()::fired);

            assertThat(client.exit().code()).isZero();
            assertThat(server.received()).hasSize(2);
            var first = server.received().get(0);
            var second = server.received().get(1);
            assertThat(second.frame()).isEqualTo(first.frame());
            // The gateway drops a connection whose reply did not come: the resend goes on a fresh one.
            assertThat(second.connection()).isEqualTo(first.connection() + 1);
            assertThat(client.counter("txgate.client.reconnects")).isEqualTo(1);
            assertThat(client.counter("txgate.client.resends")).isEqualTo(1);
            assertThat(client.outbox().depth()).isZero();
        }
    }

    /** A server stopping (or crashing) between frame and reply: the client sees the close, not the reply timeout. */
    @Test
    void batchWhenServerClosesTheConnectionUnansweredShouldBeResentWithoutWaitingForTheReplyTimeout() throws Exception {
        try (var server = StubServer.start((n, frame) -> n == 1 ? StubServer.CLOSE : accepted(frame));
                var client = RunningClient.start(
                        dir, server.port(), "txgate.client.count=1", "txgate.client.reply-timeout=60s")) {
            // Well within the 60 s reply timeout: waiting for it would fail this.
            await().atMost(Duration.ofSeconds(30)).until(client.exit()::fired);

            assertThat(client.exit().code()).isZero();
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(1).frame())
                    .isEqualTo(server.received().get(0).frame());
            assertThat(client.outbox().depth()).isZero();
        }
    }

    @Test
    void batchWhenServerUnavailableShouldBeResentOnSameConnectionUntilAccepted() throws Exception {
        try (var server = StubServer.start((n, frame) -> n <= 2 ? unavailable(frame) : accepted(frame));
                var client = RunningClient.start(dir, server.port(), "txgate.client.count=1")) {
            await().atMost(PATIENCE).until(client.exit()::fired);

            assertThat(client.exit().code()).isZero();
            assertThat(server.received()).hasSize(3).allSatisfy(received -> {
                assertThat(received.frame()).isEqualTo(server.received().get(0).frame());
                assertThat(received.connection()).isEqualTo(1);
            });
            assertThat(client.counter("txgate.client.replies", "status", "REJECTED", "code", "UNAVAILABLE"))
                    .isEqualTo(2);
            assertThat(client.counter("txgate.client.resends")).isEqualTo(2);
            assertThat(client.counter("txgate.client.reconnects")).isZero();
            assertThat(client.outbox().rejected()).isEmpty();
        }
    }

    @Test
    void batchWhenReplyIsForAnotherBatchOrUnreadableShouldBeKeptAndResentUntilAccepted() throws Exception {
        try (var server = StubServer.start((n, frame) -> switch (n) {
                    case 1 -> "{\"batchId\":\"someone-else\",\"status\":\"ACCEPTED\",\"count\":10}";
                    case 2 -> "this is not a reply";
                    default -> accepted(frame);
                });
                var client = RunningClient.start(dir, server.port(), "txgate.client.count=1")) {
            await().atMost(PATIENCE).until(client.exit()::fired);

            // Neither answer says this batch was stored, so it left the outbox only after the real ACCEPTED.
            assertThat(client.exit().code()).isZero();
            assertThat(server.received())
                    .hasSize(3)
                    .allSatisfy(received -> assertThat(received.frame())
                            .isEqualTo(server.received().get(0).frame()));
            assertThat(client.outbox().depth()).isZero();
        }
    }

    private static String batchId(String frame) {
        int start = frame.indexOf("\"batchId\":\"") + "\"batchId\":\"".length();
        return frame.substring(start, frame.indexOf('"', start));
    }

    private static String accepted(String frame) {
        return "{\"batchId\":\"" + batchId(frame) + "\",\"status\":\"ACCEPTED\",\"count\":10}";
    }

    private static String unavailable(String frame) {
        return "{\"batchId\":\"" + batchId(frame)
                + "\",\"status\":\"REJECTED\",\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"store busy\"}}";
    }
}
