package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Reply;
import io.txgate.support.LogBytes;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What clients can make the server log is bounded per connection and in all. */
class ClientEventLogTests {

    private final AtomicLong clock = new AtomicLong();
    private final ClientEventLog events = new ClientEventLog(clock::get);

    @Test
    void linesWhenMoreThanTheWindowAllowsShouldBeLeftOutAndCountedOnce() {
        int allowed = 0;
        for (int i = 0; i < 1_000; i++) {
            if (events.allow()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(ClientEventLog.LINES_PER_WINDOW);

        try (var log = LogBytes.capture()) {
            clock.addAndGet(ClientEventLog.WINDOW.toNanos());
            events.flush();
            events.flush();

            assertThat(log.lines())
                    .containsExactly(1_000 - ClientEventLog.LINES_PER_WINDOW
                            + " more log lines about clients left out in the last 10 s (at most 50 per 10 s)");
        }
        assertThat(events.allow()).as("a new window").isTrue();
    }

    @Test
    void rejectionsWhenManyOnOneConnectionShouldLogTheFirstFewAndThenACount() {
        var rejections = new RejectionLog("conn-1", events, new RecentRejections());
        try (var log = LogBytes.capture()) {
            for (int i = 0; i < 10_000; i++) {
                clock.addAndGet(100_000);
                rejections.rejected(
                        Reply.rejected(null, ErrorCode.MALFORMED, "empty frame: expected a JSON object"), clock.get());
            }
            rejections.flush();

            assertThat(log.lines()).hasSize(RejectionLog.FULL_LINES + 1);
            assertThat(log.lines().get(0))
                    .isEqualTo("rejected frame on conn-1: batchId=null MALFORMED empty frame: expected a JSON object");
            assertThat(log.lines().get(RejectionLog.FULL_LINES))
                    .isEqualTo((10_000 - RejectionLog.FULL_LINES) + " more rejected frames on conn-1 in 1 s");
        }
    }

    @Test
    void rejectionsWhenTheyGoOnForSeveralWindowsShouldBeCountedPerWindow() {
        var rejections = new RejectionLog("conn-2", events, new RecentRejections());
        try (var log = LogBytes.capture()) {
            for (int i = 0; i < 300; i++) {
                clock.addAndGet(100_000_000L);
                rejections.rejected(Reply.rejected("b", ErrorCode.INVALID, "amount: bad"), clock.get());
            }
            rejections.flush();

            // 30 s: three windows, each with 3 lines in full and one count.
            assertThat(log.lines()).hasSize(3 * (RejectionLog.FULL_LINES + 1));
        }
    }
}
