package io.txgate.client;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the client's outbox ({@code outbox} in {@code /actuator/health}). A growing depth while the server is down
 * is the outbox doing its job, so it stays UP with the depth and the age of the oldest batch as details; it is DOWN
 * only when the outbox is full and generation has stopped.
 */
class OutboxHealthIndicator implements HealthIndicator {

    private final Outbox outbox;
    private final Clock clock;

    OutboxHealthIndicator(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Health.Builder health = outbox.isFull() ? Health.down() : Health.up();
        health.withDetail("file", outbox.file().toString())
                .withDetail("depth", outbox.depth())
                .withDetail("capacity", outbox.capacity());
        outbox.oldestCreatedAt()
                .ifPresent(oldest -> health.withDetail(
                        "oldestAgeMillis",
                        Duration.between(oldest, clock.instant()).toMillis()));
        if (outbox.isFull()) {
            health.withDetail("reason", "outbox full: generation paused until the server acknowledges batches");
        }
        return health.build();
    }
}
