package io.txgate.store;

import java.time.Instant;

/**
 * How the store keeps an instant, the same on SQLite and PostgreSQL: two integers, the microseconds since
 * 1970-01-01T00:00:00Z (rounded down) and the nanoseconds past that microsecond (0-999). Every instant is kept to the
 * nanosecond; ordering by the two columns is ordering by time; and the first column alone is PostgreSQL's and most
 * clocks' precision, so the second is almost always 0 (which SQLite stores in no bytes at all).
 *
 * <p>One 64-bit integer cannot hold nanoseconds for years 0001-9999 (that needs about 68 bits), while microseconds
 * cover about 292,000 years either side of 1970.
 */
public final class StoredInstant {

    private static final long MICROS_PER_SECOND = 1_000_000;

    /** The earliest and latest instants whose microseconds fit a long; query bounds beyond them are clamped. */
    private static final Instant EARLIEST = Instant.ofEpochSecond(Long.MIN_VALUE / MICROS_PER_SECOND + 1);

    private static final Instant LATEST = Instant.ofEpochSecond(Long.MAX_VALUE / MICROS_PER_SECOND - 1);

    private StoredInstant() {}

    /** The microseconds since the epoch, rounded down (towards the past, also before 1970). */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
    }

    /** The nanoseconds past {@link #micros}, 0-999. */
    public static int nanos(Instant instant) {
        return instant.getNano() % 1000;
    }

    public static Instant of(long micros, int nanos) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000L + nanos);
    }

    /**
     * The instant itself if the store can express it, else the nearest one it can: for query bounds, which may be any
     * instant a client writes, while stored instants are years 0000-9999 give or take a day.
     */
    public static Instant clamp(Instant instant) {
        if (instant.isBefore(EARLIEST)) {
            return EARLIEST;
        }
        return instant.isAfter(LATEST) ? LATEST : instant;
    }
}
