package io.txgate.ops;

import io.txgate.ingest.IngestListeners;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The ingest port's health, as component {@code tcpListener}: UP only while every listener's socket is bound. */
class TcpListenerHealthIndicator implements HealthIndicator {

    private final IngestListeners listeners;

    TcpListenerHealthIndicator(IngestListeners listeners) {
        this.listeners = listeners;
    }

    @Override
    public Health health() {
        Health.Builder health = listeners.isListening() ? Health.up() : Health.down();
        return health.withDetail("addresses", listeners.addresses())
                .withDetail("port", listeners.port())
                .withDetail("openConnections", listeners.openConnections())
                .build();
    }
}
