package io.txgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's positions increasing when the database moves to another cluster. Positions derive from
 * transaction ids (V3__compact_store.sql), which only grow within one cluster; a dump restored into another cluster
 * counts them anew, and new positions would fall below the stored ones. So at start the cluster's system identifier
 * is compared with the one recorded, and on a change the base moves past the highest stored position.
 */
final class PostgresPositions {

    private static final Logger log = LoggerFactory.getLogger(PostgresPositions.class);

    private PostgresPositions() {}

    static void checkCluster(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Long cluster = clusterId(connection);
            if (cluster == null) {
                return;
            }
            // One statement, conditional on the recorded id: instances starting together rebase once.
            try (PreparedStatement rebase = connection.prepareStatement("""
                    update row_positions
                    set base_xid = pg_current_xact_id()::text::bigint,
                        base_row = coalesce((select max(row_no) from transactions), 0) + 1,
                        cluster_id = ?
                    where cluster_id is not null and cluster_id <> ?""")) {
                rebase.setLong(1, cluster);
                rebase.setLong(2, cluster);
                if (rebase.executeUpdate() > 0) {
                    log.warn(
                            "this database was moved to another PostgreSQL cluster (system identifier {}): positions"
                                    + " continue after the highest stored one",
                            cluster);
                }
            }
            try (PreparedStatement record =
                    connection.prepareStatement("update row_positions set cluster_id = ? where cluster_id is null")) {
                record.setLong(1, cluster);
                record.executeUpdate();
            }
        } catch (SQLException e) {
            throw StoreFailures.unchecked("checking the PostgreSQL cluster of row positions", e);
        }
    }

    /** The cluster's system identifier, or null where the server does not show it (then nothing is checked). */
    private static Long clusterId(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select system_identifier from pg_control_system()")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            log.warn(
                    "cannot read the PostgreSQL cluster's system identifier ({}); if this database is ever restored into"
                            + " another cluster, see docs/scale-out.md on positions",
                    e.getMessage());
            return null;
        }
    }
}
