package io.txgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RootCauseTests {

    @Test
    void wrappedFailureShouldBeToldByItsInnermostCause() {
        var failure = new IllegalStateException(
                "could not store", new RuntimeException("wrapper", new SQLException("database is locked")));

        assertThat(RootCause.message(failure)).isEqualTo("database is locked");
        assertThat(RootCause.describe(failure)).isEqualTo("SQLException: database is locked");
    }

    @Test
    void causeWithoutMessageShouldBeNamedByItsClass() {
        var failure = new UncheckedIOException("reading", new IOException());

        assertThat(RootCause.message(failure)).isEqualTo("IOException");
        assertThat(RootCause.describe(failure)).isEqualTo("IOException");
    }
}
