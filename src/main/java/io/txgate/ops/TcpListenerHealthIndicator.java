package io.txgate.ops;

import io.txgate.ingest.IngestListeners;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The ingest port's health, as component {@code tcpListener}: UP only while every listener's socket is bound.
 *
 * <p>It shows when the connection cap is reached ({@code atConnectionCap}) but stays UP then: a full server is
 * healthy, and turning readiness DOWN would make a balancer with {@code on-marked-down shutdown-sessions} (as in
 * docs/haproxy.cfg) cut every connection the server holds; a balancer keeps new connections away from a full server
 * with its own per-server limit (HAProxy's {@code maxconn}) set to {@code txgate.server.max-connections}.
 */
class TcpListenerHealthIndicator implements HealthIndicator {

    private final IngestListeners listeners;
    private final int maxConnections;

    TcpListenerHealthIndicator(IngestListeners listeners, int maxConnections) {
        this.listeners = listeners;
        this.maxConnections = maxConnections;
    }

    @Override
    public Health health() {
        Health.Builder health = listeners.isListening() ? Health.up() : Health.down();
        int open = listeners.total();
        return health.withDetail("addresses", listeners.addresses())
                .withDetail("port", listeners.port())
                .withDetail("openConnections", open)
                .withDetail("maxConnections", maxConnections)
                .withDetail("atConnectionCap", open >= maxConnections)
                .build();
    }
}
