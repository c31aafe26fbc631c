package io.txgate.ops;

import io.txgate.RootCause;
import io.txgate.store.BatchStore;
import io.txgate.store.DatabaseUrls;
import io.txgate.store.SqliteUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store's health, as component {@code store}: UP while a cheap query answers and the writer's last write
 * succeeded.
 *
 * <p>While no batches arrive the writer rewrites a probe row every {@code txgate.store.probe-interval}, so a store
 * that can no longer be written goes DOWN without traffic, and one that was repaired comes back UP by itself.
 */
class StoreHealthIndicator implements HealthIndicator {

    private final JdbcTemplate jdbc;
    private final BatchStore store;

    StoreHealthIndicator(JdbcTemplate jdbc, BatchStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            String url = jdbc.execute((ConnectionCallback<String>) StoreHealthIndicator::query);
            health.withDetail("database", DatabaseUrls.withoutParameters(url));
            Path file = SqliteUrls.file(url);
            if (file != null) {
                health.withDetail("file", file.toAbsolutePath().toString())
                        .withDetail("fileBytes", sizeOf(file))
                        .withDetail("walBytes", sizeOf(Path.of(file + "-wal")));
            }
        } catch (RuntimeException e) {
            health.down().withDetail("error", "store does not answer: " + RootCause.message(e));
        }
        health.withDetail("queuedRows", store.queuedRows());
        BatchStore.WriteFailure writeFailure = store.lastFailure();
        if (writeFailure != null) {
            health.down()
                    .withDetail("lastFailure", writeFailure.reason())
                    .withDetail("lastFailureAt", writeFailure.at().toString());
        }
        return health.build();
    }

    /** Reads the probe row (touching the database file, not only the driver) and tells the URL. */
    private static String query(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.executeQuery("select count(*) from store_probe").close();
        }
        return connection.getMetaData().getURL();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return -1;
        }
    }
}
