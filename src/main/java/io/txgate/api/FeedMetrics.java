package io.txgate.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The change feed's metrics: requests, rows served, requests held waiting, and the lag of each consumer that names
 * itself. Consumer names are bounded ({@link #MAX_CONSUMERS}): any caller with a read token picks them, and each is a
 * series of its own; names beyond the bound are served but not tracked.
 */
final class FeedMetrics {

    static final int MAX_CONSUMERS = 100;

    private final MeterRegistry registry;
    private final Counter requests;
    private final Counter rows;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();

    FeedMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.requests = Counter.builder("txgate.feed.requests")
                .description("change feed requests answered or held (400s not counted)")
                .register(registry);
        this.rows = Counter.builder("txgate.feed.rows")
                .description("transactions served by the change feed")
                .register(registry);
        Gauge.builder("txgate.feed.waiting", waiting, AtomicInteger::get)
                .description("change feed requests held until something new is final (long polls)")
                .register(registry);
    }

    void request() {
        requests.increment();
    }

    void served(int count) {
        rows.increment(count);
    }

    void waitStarted() {
        waiting.incrementAndGet();
    }

    void waitEnded() {
        waiting.decrementAndGet();
    }

    /** A consumer reported that it has everything up to {@code after}; {@code head} is the highest final position. */
    void consumerAt(String consumer, long after, long head) {
        if (consumer == null) {
            return;
        }
        AtomicLong value = lag.get(consumer);
        if (value == null) {
            if (lag.size() >= MAX_CONSUMERS) {
                return;
            }
            value = lag.computeIfAbsent(consumer, name -> {
                var gauge = new AtomicLong();
                Gauge.builder("txgate.feed.consumer.lag", gauge, AtomicLong::get)
                        .description("positions between a consumer's last reported one (its 'after') and the highest"
                                + " final position, when it last asked; positions are not contiguous, so 0 means caught"
                                + " up and the size only compares with itself")
                        .tag("consumer", name)
                        .register(registry);
                return gauge;
            });
        }
        value.set(Math.max(0, head - after));
    }
}
