package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreWritersTests {

    @Test
    void severalWritersWhenStoreIsSqliteShouldStopTheStartWithTheReason() {
        assertThatThrownBy(() -> StoreConfiguration.checkWriters(2, StoreDialect.SQLITE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("txgate.store.writers=2")
                .hasMessageContaining("leave it at 1");
    }

    @Test
    void oneWriterOnSqliteAndSeveralOnPostgresShouldStart() {
        assertThatCode(() -> StoreConfiguration.checkWriters(1, StoreDialect.SQLITE))
                .doesNotThrowAnyException();
        assertThatCode(() -> StoreConfiguration.checkWriters(8, StoreDialect.POSTGRESQL))
                .doesNotThrowAnyException();
    }
}
