package io.txgate.api;

import io.txgate.support.PostgresStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The read API on PostgreSQL: the same round trip of every field, paging and errors. */
@PostgresStore
class PostgresReadApiTests extends ReadApiTests {

    /** PostgreSQL's timestamptz keeps microseconds; txgate cuts off the rest. */
    @Override
    protected Instant stored(Instant sent) {
        return sent.truncatedTo(ChronoUnit.MICROS);
    }
}
