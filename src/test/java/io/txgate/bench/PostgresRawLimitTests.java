package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnabledIfPostgres
class PostgresRawLimitTests {

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    @Test
    void measureWhenRunShouldInsertWarmUpAndMeasuredRowsThroughTheServersMigrations() throws Exception {
        var result = RawLimit.measurePostgres(
                schema.url(),
                new BenchTools.Login(TestPostgres.USER, TestPostgres.PASSWORD),
                new RawLimit.Plan(2_500, 500, 10, 1000, 10, true));

        assertThat(result.database()).isEqualTo("postgresql");
        assertThat(result.commits()).isEqualTo(3);
        assertThat(result.rowsPerSecond()).isPositive();
        assertThat(result.durability()).contains("fsync=").contains("synchronous_commit=");
        try (var connection = TestPostgres.connect();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("select (select count(*) from " + schema.name() + ".transactions),"
                        + " (select count(*) from " + schema.name() + ".batches),"
                        + " (select sum(tx_count) from " + schema.name() + ".batches),"
                        + " (select count(*) from " + schema.name() + ".flyway_schema_history where success),"
                        + " (select count(*) from " + schema.name() + ".batch_transactions)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(3_000);
            assertThat(rows.getLong(2)).isEqualTo(300);
            assertThat(rows.getLong(3)).isEqualTo(3_000);
            assertThat(rows.getLong(4))
                    .as("the server's migrations, all applied")
                    .isEqualTo(3);
            assertThat(rows.getLong(5)).as("every batch finds its rows").isEqualTo(3_000);
        }
    }

    @Test
    void driverOptionWhenSetForTheRawLimitShouldBeTheServersToo() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("application-postgres.yml")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains(RawLimit.POSTGRES_REWRITE_BATCHES + ": true");
        }
    }
}
