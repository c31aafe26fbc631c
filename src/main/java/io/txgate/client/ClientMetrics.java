package io.txgate.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;

/** The client's meters, under {@code txgate.client.*}. */
final class ClientMetrics {

    private final MeterRegistry registry;
    private final Counter sent;
    private final Counter resends;
    private final Counter reconnects;

    ClientMetrics(MeterRegistry registry, Outbox outbox) {
        this.registry = registry;
        this.sent = Counter.builder("txgate.client.batches.sent")
                .description("Batches sent for the first time by this process")
                .register(registry);
        this.resends = Counter.builder("txgate.client.resends")
                .description("Batches sent again (same batchId) after a failure or an UNAVAILABLE reply")
                .register(registry);
        this.reconnects = Counter.builder("txgate.client.reconnects")
                .description("Retries on a new connection after a connection failure or a reply timeout")
                .register(registry);
        Gauge.builder("txgate.client.outbox.depth", outbox, Outbox::depth)
                .description("Batches in the outbox, not acknowledged yet")
                .register(registry);
        // Read by the status page once a second and by each scrape: one indexed SQLite read each.
        Gauge.builder("txgate.client.outbox.oldest.age", outbox, ClientMetrics::oldestAgeSeconds)
                .description("Age of the oldest batch in the outbox, in seconds; 0 when it is empty")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("txgate.client.outbox.rejected", outbox, Outbox::rejectedCount)
                .description("Batches the server refused for good, kept in the outbox's rejected table")
                .register(registry);
    }

    private static double oldestAgeSeconds(Outbox outbox) {
        return outbox.oldestCreatedAt()
                .map(created ->
                        Math.max(0, Duration.between(created, Instant.now()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    void sent() {
        sent.increment();
    }

    void resent() {
        resends.increment();
    }

    void reconnect() {
        reconnects.increment();
    }

    /** Counts a reply by status and, for REJECTED, code ("none" otherwise). */
    void reply(String status, String code) {
        Counter.builder("txgate.client.replies")
                .description("Replies from the server")
                .tag("status", status)
                .tag("code", code == null ? "none" : code)
                .register(registry)
                .increment();
    }
}
