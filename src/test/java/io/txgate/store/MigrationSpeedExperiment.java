package io.txgate.store;

import io.txgate.protocol.Batch;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: how long V3__compact_store takes per million stored transactions, and the SQLite file's size before and
 * after, for docs/operations.md: {@code ./mvnw -o test -Dtest=MigrationSpeedExperiment
 * -Dsurefire.failIfNoSpecifiedTests=false} (the PostgreSQL half needs the tests' PostgreSQL). Not run by the build (the
 * name does not end in Tests).
 */
class MigrationSpeedExperiment {

    private static final Logger log = LoggerFactory.getLogger(MigrationSpeedExperiment.class);
    private static final int BATCHES = 1000;
    private static final int PER_BATCH = 1000;

    @TempDir
    Path dir;

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    @Test
    void sqlite() throws Exception {
        Path file = dir.resolve("old.db");
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL";
        OldFormatStore.SQLITE.create(url, null, null);
        fill(OldFormatStore.SQLITE, DriverManager.getConnection(url));
        long before = Files.size(file);
        long start = System.nanoTime();
        migrate(url, null, null, "sqlite");
        long nanos = System.nanoTime() - start;
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("pragma wal_checkpoint(truncate)");
        }
        log.info(String.format(
                Locale.ROOT,
                "SQLite: %,d transactions converted in %.1f s; file %,d bytes before, %,d after (%,d after VACUUM)",
                BATCHES * PER_BATCH,
                nanos / 1e9,
                before,
                Files.size(file),
                vacuumed(url, file)));
    }

    @Test
    void postgres() throws Exception {
        OldFormatStore.POSTGRESQL.create(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD);
        fill(
                OldFormatStore.POSTGRESQL,
                DriverManager.getConnection(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD));
        long start = System.nanoTime();
        migrate(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD, "postgresql");
        log.info(String.format(
                Locale.ROOT,
                "PostgreSQL: %,d transactions converted in %.1f s",
                BATCHES * PER_BATCH,
                (System.nanoTime() - start) / 1e9));
    }

    private static void fill(OldFormatStore format, Connection connection) throws Exception {
        try (connection) {
            connection.setAutoCommit(false);
            for (int b = 0; b < BATCHES; b++) {
                Batch batch = StoreMigrationTests.parse(
                        StoreMigrationTests.frame("speed-" + b, b, PER_BATCH, "ACC-" + b % 100));
                format.insert(connection, batch, null, Instant.now());
            }
            connection.commit();
        }
    }

    private static void migrate(String url, String user, String password, String vendor) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/" + vendor)
                .load()
                .migrate();
    }

    private static long vacuumed(String url, Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute("vacuum");
            connection.createStatement().execute("pragma wal_checkpoint(truncate)");
        }
        return Files.size(file);
    }
}
