package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.SqliteFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawLimitTests {

    @TempDir
    Path dir;

    @Test
    void serverUrlOptionsWhenReadShouldCarryTheServersDurabilitySettings() throws Exception {
        assertThat(RawLimit.serverUrlOptions())
                .startsWith("?")
                .contains("journal_mode=WAL")
                .contains("synchronous=FULL")
                .contains("foreign_keys=true");
    }

    @Test
    void measureWhenRunShouldInsertWarmUpAndMeasuredRowsWithHeadersUnderFullSync() throws Exception {
        Path db = dir.resolve("raw.db");

        var result =
                RawLimit.measure(db, new RawLimit.Plan(2_500, 500, 100, 1000, 10, true), RawLimit.serverUrlOptions());

        assertThat(result.commits()).isEqualTo(3);
        assertThat(result.rowsPerSecond()).isPositive();
        assertThat(result.database()).isEqualTo("sqlite");
        assertThat(result.durability()).isEqualTo("journal_mode=wal, synchronous=2");
        var stored = new SqliteFile(db);
        assertThat(stored.countRows("transactions")).isEqualTo(3_000);
        assertThat(stored.countRows("batches")).isEqualTo(30);
        assertThat(stored.count("select sum(tx_count) from batches")).isEqualTo(3_000);
        assertThat(stored.count("select count(*) from batch_transactions"))
                .as("every batch finds its rows by its first position and count")
                .isEqualTo(3_000);
        assertThat(stored.count("select count(*) from sqlite_master where name = 'transactions_by_account_time'"))
                .isEqualTo(1);
    }

    @Test
    void bareMinimumWhenMeasuredShouldInsertTheSameRowsWithoutTheAccountIndex() throws Exception {
        Path db = dir.resolve("bare.db");

        var result = RawLimit.measure(db, new RawLimit.Plan(640, 0, 10, 640, 10, false), RawLimit.serverUrlOptions());

        assertThat(result.commits()).isEqualTo(1);
        var stored = new SqliteFile(db);
        assertThat(stored.countRows("transactions")).isEqualTo(640);
        assertThat(stored.count("select count(*) from sqlite_master where name = 'transactions_by_account_time'"))
                .isZero();
    }
}
