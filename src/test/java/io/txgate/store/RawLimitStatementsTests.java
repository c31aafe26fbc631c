package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.bench.RawLimit;
import org.junit.jupiter.api.Test;

/** The raw limit measures the server's own statements, so the two cannot drift apart unnoticed. */
class RawLimitStatementsTests {

    @Test
    void rawLimitWhenInsertingShouldUseTheWritersStatements() {
        assertThat(RawLimit.INSERT_TRANSACTION).isEqualTo(GroupCommit.INSERT_ROW);
        assertThat(RawLimit.INSERT_BATCH).isEqualTo(GroupCommit.INSERT_BATCH);
    }
}
