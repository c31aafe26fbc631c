package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The order rule of positions on PostgreSQL (docs/scale-out.md): positions come from transaction ids, so a transaction
 * that started writing earlier holds lower positions even while a later one's rows are already visible; {@code
 * txgate_final_rows_below()} stays below the open transaction's positions until it ends, so a reader that follows
 * positions never overtakes it.
 */
@EnabledIfPostgres
class PostgresPositionsTests {

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    @BeforeEach
    void migrate() {
        Flyway.configure()
                .dataSource(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD)
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
    }

    @Test
    void positionsWhenAnEarlierWriterIsStillOpenShouldNotBeFinalAboveIt() throws Exception {
        try (Connection earlier = connect();
                Connection later = connect();
                Connection reader = connect()) {
            earlier.setAutoCommit(false);
            long earlierRow = single(earlier, "select txgate_first_row()");
            later.setAutoCommit(false);
            long laterRow = single(later, "select txgate_first_row()");
            assertThat(laterRow).as("a later transaction's positions").isGreaterThan(earlierRow);
            assertThat(laterRow - earlierRow).isGreaterThanOrEqualTo(StoreDialect.POSITIONS_PER_TRANSACTION);

            insertRow(later, laterRow);
            later.commit();

            assertThat(single(reader, "select count(*) from transactions where row_no = " + laterRow))
                    .as("the later row is visible")
                    .isEqualTo(1);
            assertThat(single(reader, "select txgate_final_rows_below()"))
                    .as("but not final while the earlier writer is open")
                    .isLessThanOrEqualTo(earlierRow);

            insertRow(earlier, earlierRow);
            earlier.commit();
            // Other transactions on the same PostgreSQL (other tests) hold it back for a moment at most.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> single(reader, "select txgate_final_rows_below()") > laterRow);
        }
    }

    @Test
    void databaseWhenMovedToAnotherClusterShouldGetPositionsAboveItsRows() throws Exception {
        var dataSource = new DriverManagerDataSource(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD);
        PostgresPositions.checkCluster(dataSource);
        long stored;
        try (Connection connection = connect()) {
            assertThat(single(connection, "select count(*) from row_positions where cluster_id is not null"))
                    .as("the cluster is recorded at the first start")
                    .isEqualTo(1);
            // As after a restore elsewhere: rows far above what this cluster's transaction ids give, another id.
            stored = single(connection, "select txgate_first_row()") + 1_000L * StoreDialect.POSITIONS_PER_TRANSACTION;
            insertRow(connection, stored);
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("update row_positions set cluster_id = cluster_id + 1");
            }
            assertThat(single(connection, "select txgate_first_row()")).isLessThan(stored);
        }

        PostgresPositions.checkCluster(dataSource);

        try (Connection connection = connect()) {
            assertThat(single(connection, "select txgate_first_row()")).isGreaterThan(stored);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD);
    }

    private static void insertRow(Connection connection, long row) throws SQLException {
        try (var insert = connection.prepareStatement("insert into transactions (row_no, occurred_micros,"
                + " occurred_nanos, tx_id, account, amount, currency) values (?, 0, 0, 't', 'ACC-P', 1, 'EUR')")) {
            insert.setLong(1, row);
            insert.executeUpdate();
        }
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
