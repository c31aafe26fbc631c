package io.txgate.store;

import io.txgate.support.EnabledIfPostgres;
import io.txgate.support.PostgresSchema;
import io.txgate.support.TestPostgres;
import io.txgate.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** {@link StoreMigrationTests} on PostgreSQL: a V2 schema written the earlier way, migrated by a server's start. */
@EnabledIfPostgres
class PostgresStoreMigrationTests {

    @RegisterExtension
    final PostgresSchema schema = new PostgresSchema();

    @Test
    void postgresStoreWhenMigratedShouldReadBackIdenticallyAndStillKnowItsBatches() throws Exception {
        OldFormatStore.POSTGRESQL.create(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD);
        List<StoreMigrationTests.OldBatch> old = StoreMigrationTests.oldBatches();
        StoreMigrationTests.Before before;
        try (Connection connection =
                DriverManager.getConnection(schema.url(), TestPostgres.USER, TestPostgres.PASSWORD)) {
            before = StoreMigrationTests.write(OldFormatStore.POSTGRESQL, connection, old);
        }

        try (ConfigurableApplicationContext server = TestServers.startOnPostgres(schema.name())) {
            StoreMigrationTests.assertReadsBackAndKnowsItsBatches(server, old, before);
        }
    }
}
