package io.txgate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
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

        var result = RawLimit.measure(db, new RawLimit.Plan(2_500, 500, 100, 1000, 10), RawLimit.serverUrlOptions());

        assertThat(result.commits()).isEqualTo(3);
        assertThat(result.rowsPerSecond()).isPositive();
        assertThat(result.database()).isEqualTo("sqlite");
        assertThat(result.durability()).isEqualTo("journal_mode=wal, synchronous=2");
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select (select count(*) from transactions),"
                        + " (select count(*) from batches), (select sum(tx_count) from batches)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(3_000);
            assertThat(rows.getLong(2)).isEqualTo(30);
            assertThat(rows.getLong(3)).isEqualTo(3_000);
        }
    }
}
