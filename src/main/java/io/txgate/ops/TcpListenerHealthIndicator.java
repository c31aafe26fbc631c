package io.txgate.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The ingest port's health, as component {@code tcpListener}: UP only while the server socket is bound.
 *
 * <p>It shows when the connection cap is reached ({@code atConnectionCap}) but stays UP then: a full server is
 * healthy, and turning readiness DOWN would make a balancer with {@code on-marked-down shutdown-sessions} (as in
 * docs/haproxy.cfg) cut every connection the server holds; a balancer keeps new connections away from a full server
 * with its own per-server limit (HAProxy's {@code maxconn}) set to {@code txgate.server.max-connections}.
 */
class TcpListenerHealthIndicator implements HealthIndicator {

    private final AbstractServerConnectionFactory ingestConnectionFactory;
    private final String bindAddress;
    private final int maxConnections;

    TcpListenerHealthIndicator(
            AbstractServerConnectionFactory ingestConnectionFactory, String bindAddress, int maxConnections) {
        this.ingestConnectionFactory = ingestConnectionFactory;
        this.bindAddress = bindAddress;
        this.maxConnections = maxConnections;
    }

    @Override
    public Health health() {
        Health.Builder health = ingestConnectionFactory.isListening() ? Health.up() : Health.down();
        int open = ingestConnectionFactory.getOpenConnectionIds().size();
        return health.withDetail("bindAddress", bindAddress)
                .withDetail("port", ingestConnectionFactory.getPort())
                .withDetail("openConnections", open)
                .withDetail("maxConnections", maxConnections)
                .withDetail("atConnectionCap", open >= maxConnections)
                .build();
    }
}
