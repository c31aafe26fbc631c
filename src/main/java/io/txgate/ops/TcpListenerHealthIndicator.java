package io.txgate.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** The ingest port's health, as component {@code tcpListener}: UP only while the server socket is bound. */
class TcpListenerHealthIndicator implements HealthIndicator {

    private final AbstractServerConnectionFactory ingestConnectionFactory;
    private final String bindAddress;

    TcpListenerHealthIndicator(AbstractServerConnectionFactory ingestConnectionFactory, String bindAddress) {
        this.ingestConnectionFactory = ingestConnectionFactory;
        this.bindAddress = bindAddress;
    }

    @Override
    public Health health() {
        Health.Builder health = ingestConnectionFactory.isListening() ? Health.up() : Health.down();
        return health.withDetail("bindAddress", bindAddress)
                .withDetail("port", ingestConnectionFactory.getPort())
                .withDetail(
                        "openConnections",
                        ingestConnectionFactory.getOpenConnectionIds().size())
                .build();
    }
}
