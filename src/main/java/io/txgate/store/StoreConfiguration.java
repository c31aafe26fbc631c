package io.txgate.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The store's parts that are not components of their own. */
@Configuration(proxyBeanMethods = false)
@Profile(StoreConfiguration.STORE_PROFILES)
class StoreConfiguration {

    /**
     * Where the store lives: not in a client-only or load-mode process, which excludes the database auto-configuration
     * (ClientOnlyEnvironmentPostProcessor).
     */
    static final String STORE_PROFILES = "server | !(client | load)";

    @Bean
    static SqliteFolderCreator sqliteFolderCreator() {
        return new SqliteFolderCreator();
    }

    @Bean
    @Profile("migrate-sqlite")
    SqliteToPostgres sqliteToPostgres(
            DataSource dataSource, MigrateProperties properties, ConfigurableApplicationContext context) {
        return new SqliteToPostgres(dataSource, properties, context);
    }

    @Bean
    GroupCommit groupCommit(
            EntityManager entityManager,
            EntityManagerFactory entityManagerFactory,
            PlatformTransactionManager transactionManager,
            StoreProperties properties) {
        Dialect dialect = entityManagerFactory
                .unwrap(SessionFactoryImplementor.class)
                .getJdbcServices()
                .getDialect();
        checkWriters(properties.writers(), dialect);
        return new GroupCommit(entityManager, new TransactionTemplate(transactionManager), Clock.systemUTC());
    }

    /** Several writers on SQLite would only queue for its one write lock, sleeping in its busy handler. */
    static void checkWriters(int writers, Dialect dialect) {
        if (writers > 1 && dialect instanceof SQLiteDialect) {
            throw new IllegalStateException("txgate.store.writers=" + writers
                    + " needs a store that takes concurrent writers (PostgreSQL); SQLite commits one writer at a"
                    + " time, so leave it at 1");
        }
    }
}
