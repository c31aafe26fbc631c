package io.txgate.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.txgate.ingest.IngestListeners;
import io.txgate.ingest.IngestProperties;
import io.txgate.store.BatchStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What operators see of the server: health components {@code tcpListener} and {@code store}, the {@code txgate.*}
 * metrics, and the start-up and connection log lines. Groups and exposure are in application-server.yml.
 */
@Configuration(proxyBeanMethods = false)
@Profile("server")
class OpsServerConfiguration {

    @Bean
    TcpListenerHealthIndicator tcpListenerHealthIndicator(
            IngestListeners ingestListeners, IngestProperties properties) {
        return new TcpListenerHealthIndicator(ingestListeners, properties.maxConnections());
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(JdbcTemplate jdbc, BatchStore store) {
        return new StoreHealthIndicator(jdbc, store);
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, IngestListeners ingestListeners) {
        return new IngestMetrics(registry, ingestListeners);
    }

    /** Not part of IngestMetrics: that one is the store's CommitObserver, so it cannot depend on the store. */
    @Bean
    StoreMetrics storeMetrics(MeterRegistry registry, BatchStore store, Environment environment) {
        return new StoreMetrics(registry, store, environment.getProperty("spring.datasource.url"));
    }

    @Bean
    StartupLog startupLog(IngestListeners ingestListeners, Environment environment) {
        return new StartupLog(ingestListeners, environment);
    }

    @Bean
    ConnectionLog connectionLog() {
        return new ConnectionLog();
    }
}
