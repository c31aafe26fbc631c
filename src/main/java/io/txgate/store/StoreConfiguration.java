package io.txgate.store;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import javax.sql.DataSource;
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
    GroupCommit groupCommit(EntityManager entityManager, PlatformTransactionManager transactionManager) {
        return new GroupCommit(entityManager, new TransactionTemplate(transactionManager), Clock.systemUTC());
    }
}
