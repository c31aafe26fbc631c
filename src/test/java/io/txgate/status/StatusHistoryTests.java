package io.txgate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatusHistoryTests {

    private static StatusPoint at(long second) {
        return new StatusPoint(second, second, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void pointsWhenFewerThanCapacityShouldBeAllOldestFirst() {
        var history = new StatusHistory(5);
        history.add(at(1));
        history.add(at(2));
        history.add(at(3));

        assertThat(history.points()).extracting(StatusPoint::epochSecond).containsExactly(1L, 2L, 3L);
    }

    @Test
    void pointsWhenMoreThanCapacityShouldKeepTheNewestOldestFirst() {
        var history = new StatusHistory(4);
        LongStream.rangeClosed(1, 11).forEach(second -> history.add(at(second)));

        assertThat(history.points()).extracting(StatusPoint::epochSecond).containsExactly(8L, 9L, 10L, 11L);
    }

    @Test
    void pointsWhenAFullDayWasSampledShouldStillBeFifteenMinutes() {
        var history = new StatusHistory(StatusSampler.HISTORY_SECONDS);
        LongStream.range(0, 86_400).forEach(second -> history.add(at(second)));

        assertThat(history.points()).hasSize(900);
        assertThat(history.points().get(0).epochSecond()).isEqualTo(86_400 - 900);
        assertThat(history.points().get(899).epochSecond()).isEqualTo(86_399);
    }

    @Test
    void constructorWhenCapacityIsZeroShouldSaySo() {
        assertThatThrownBy(() -> new StatusHistory(0)).hasMessageContaining("capacity must be at least 1");
    }
}
