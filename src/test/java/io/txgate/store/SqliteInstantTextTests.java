package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqliteInstantTextTests {

    @Test
    void formatWhenWrittenByHandShouldEqualTheFormatterAcrossTheYearRange() {
        long step = 316_799_997L; // about ten years in seconds, odd so that days and times of day vary
        for (long second = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
                second <= Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
                second += step) {
            Instant instant = Instant.ofEpochSecond(second, second % 1_000_000_000L);
            assertThat(InstantColumns.SqliteText.format(instant))
                    .isEqualTo(InstantColumns.SqliteText.FORMAT.format(instant));
            // Later on the same day (mostly) or the next: the remembered date part must be reused correctly.
            Instant later = instant.plusSeconds(3 * 3600 + 7);
            assertThat(InstantColumns.SqliteText.format(later))
                    .isEqualTo(InstantColumns.SqliteText.FORMAT.format(later));
        }
    }

    @Test
    void formatWhenAtTheEdgesShouldKeepFixedWidthAndRoundTrip() {
        for (String text : new String[] {
            "0000-01-01T00:00:00.000000000Z", "9999-12-31T23:59:59.999999999Z", "2026-11-25T10:15:30.123000000Z"
        }) {
            Instant instant = Instant.parse(text);
            assertThat(InstantColumns.SqliteText.format(instant)).isEqualTo(text);
            assertThat(Instant.parse(InstantColumns.SqliteText.format(instant))).isEqualTo(instant);
        }
    }
}
