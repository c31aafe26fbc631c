package io.txgate.store;

import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The store's beans, all declared here: the writer, the feed's reader, and the copy command's parts. */
@Configuration(proxyBeanMethods = false)
@Profile(StoreConfiguration.STORE_PROFILES)
class StoreConfiguration {

    /**
     * Where the store lives: not in a client-only process, which excludes the database auto-configuration
     * (ClientOnlyEnvironmentPostProcessor).
     */
    static final String STORE_PROFILES = "server | !(client | feed)";

    @Bean
    static SqliteFolderCreator sqliteFolderCreator() {
        return new SqliteFolderCreator();
    }

    /** Runs before any other bean is made, so a missing source file is reported before PostgreSQL is touched. */
    @Bean
    @Profile("migrate-sqlite")
    static MigrateSourceCheck migrateSourceCheck() {
        return new MigrateSourceCheck();
    }

    @Bean
    @Profile("migrate-sqlite")
    SqliteToPostgres sqliteToPostgres(
            DataSource dataSource, MigrateProperties properties, ConfigurableApplicationContext context) {
        return new SqliteToPostgres(dataSource, properties, context);
    }

    /**
     * The writer's JDBC path. It depends on the entity manager factory only so that it is made after Flyway has
     * migrated the database (the factory waits for Flyway).
     */
    @Bean
    GroupCommit groupCommit(
            DataSource dataSource, EntityManagerFactory entityManagerFactory, StoreProperties properties)
            throws SQLException {
        StoreDialect dialect = StoreDialect.of(dataSource);
        checkWriters(properties.writers(), dialect);
        if (dialect == StoreDialect.POSTGRESQL) {
            PostgresPositions.checkCluster(dataSource);
        }
        return new GroupCommit(dataSource, dialect, Clock.systemUTC());
    }

    @Bean
    BatchStore batchStore(
            GroupCommit groupCommit, StoreProperties properties, ObjectProvider<CommitObserver> observers) {
        return new BatchStore(groupCommit, properties, observers);
    }

    @Bean
    StoreFeed storeFeed(DataSource dataSource) throws SQLException {
        return new StoreFeed(dataSource);
    }

    /** Several writers on SQLite would only queue for its one write lock, sleeping in its busy handler. */
    static void checkWriters(int writers, StoreDialect dialect) {
        if (writers > 1 && dialect == StoreDialect.SQLITE) {
            throw new IllegalStateException("txgate.store.writers=" + writers
                    + " needs a store that takes concurrent writers (PostgreSQL); SQLite commits one writer at a"
                    + " time, so leave it at 1");
        }
    }
}
