package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryBudgetTests {

    private final MemoryBudget budget = new MemoryBudget(1_000);

    @Test
    void reserveWhenRoomIsLeftShouldTakeIt() {
        assertThat(budget.reserve(600, 0)).isTrue();
        assertThat(budget.reserve(400, 0)).isTrue();
        assertThat(budget.used()).isEqualTo(1_000);
    }

    @Test
    void reserveWhenNoRoomFreesInTimeShouldRefuseAndTakeNothing() {
        budget.reserve(900, 0);

        assertThat(budget.reserve(200, Duration.ofMillis(20).toNanos())).isFalse();
        assertThat(budget.used()).isEqualTo(900);
    }

    @Test
    void reserveWhenMoreThanTheWholeBudgetShouldRefuseAtOnce() {
        assertThat(budget.reserve(1_001, Duration.ofDays(1).toNanos())).isFalse();
    }

    @Test
    void reserveWhenWaitingShouldGetTheRoomAnotherReleases() throws Exception {
        budget.reserve(900, 0);
        var waiting = CompletableFuture.supplyAsync(
                () -> budget.reserve(500, Duration.ofSeconds(30).toNanos()));

        budget.release(600);

        assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(budget.used()).isEqualTo(800);
    }
}
