package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A connection's own share never waits; beyond it the budget decides; whatever it held goes back at the end. */
class ConnectionMemoryTests {

    private static final long SHARE = ConnectionMemory.SHARE_BYTES;

    private final MemoryBudget budget = new MemoryBudget(100_000);

    @Test
    void reserveWithinTheShareShouldNotTouchTheBudgetEvenWhenItIsFull() {
        budget.reserve(100_000, 0);
        var memory = new ConnectionMemory(budget, Duration.ZERO);

        assertThat(memory.reserve(SHARE)).isTrue();
        assertThat(memory.reserve(1))
                .as("one byte beyond the share needs the budget")
                .isFalse();
        assertThat(memory.held()).isEqualTo(SHARE);
    }

    @Test
    void reserveBeyondTheShareShouldDrawOnlyTheExcessFromTheBudget() {
        var memory = new ConnectionMemory(budget, Duration.ZERO);

        assertThat(memory.reserve(SHARE + 10_000)).isTrue();

        assertThat(budget.used()).isEqualTo(10_000);
    }

    @Test
    void releaseAnsweredShouldGiveEverythingBackButTheReadBuffer() {
        var memory = new ConnectionMemory(budget, Duration.ZERO);
        memory.reserve(SHARE + 10_000);
        memory.reserveBatch(5_000);
        assertThat(memory.tryGrowReadBuffer(56 * 1024)).isTrue();

        memory.releaseAnswered();

        assertThat(memory.held()).isZero();
        assertThat(budget.used()).isEqualTo(56 * 1024);
        memory.releaseAll();
        assertThat(budget.used()).isZero();
    }

    @Test
    void reserveBatchShouldTakeTheDocumentedMultipleOfTheBody() {
        var memory = new ConnectionMemory(budget, Duration.ZERO);

        memory.reserveBatch(10_000);

        assertThat(memory.held())
                .isEqualTo(
                        ConnectionMemory.BATCH_BYTES_PER_BODY_BYTE * 10_000L + ConnectionMemory.BATCH_OVERHEAD_BYTES);
    }

    @Test
    void roomForAFrameWhenTheBudgetIsFullShouldBeOnlyWhatTheShareHolds() {
        budget.reserve(100_000, 0);
        var memory = new ConnectionMemory(budget, Duration.ZERO);

        assertThat(memory.hasRoomForFrame(100)).isTrue();
        assertThat(memory.hasRoomForFrame(20_000)).isFalse();
    }

    @Test
    void readBufferWhenTheBudgetIsFullShouldNotGrow() {
        budget.reserve(100_000, 0);
        var memory = new ConnectionMemory(budget, Duration.ZERO);

        assertThat(memory.tryGrowReadBuffer(8_192)).isFalse();
    }
}
