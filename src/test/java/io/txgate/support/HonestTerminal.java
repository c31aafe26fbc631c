package io.txgate.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A well-behaved terminal for attack tests: from 127.0.0.1, on one connection, it sends a valid batch and waits for
 * its reply, every 50 ms, until closed (at most {@value #MAX_BATCHES} batches). It records what it got and its worst
 * reply time (from sending a batch to its reply, connecting not included), the figure that shows whether an attack
 * slowed the others down.
 */
public final class HonestTerminal implements AutoCloseable {

    private static final int MAX_BATCHES = 2_000;
    private static final Duration PAUSE = Duration.ofMillis(50);

    private final Supplier<LineClient> connector;
    private final String prefix;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong worstNanos = new AtomicLong();
    private LineClient client;

    private HonestTerminal(Supplier<LineClient> connector, String prefix) {
        this.connector = connector;
        this.prefix = prefix;
    }

    /** Starts sending over plain TCP from 127.0.0.1. */
    public static HonestTerminal start(int port, String batchIdPrefix) {
        return start(() -> LineClient.connect(port, Duration.ofSeconds(30)), batchIdPrefix);
    }

    /** Starts sending over the connections {@code connector} opens (e.g. TLS). */
    public static HonestTerminal start(Supplier<LineClient> connector, String batchIdPrefix) {
        var terminal = new HonestTerminal(connector, batchIdPrefix);
        terminal.thread.scheduleWithFixedDelay(terminal::exchange, 0, PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        return terminal;
    }

    private void exchange() {
        int n = sent.get();
        if (n >= MAX_BATCHES) {
            return;
        }
        String batchId = prefix + "-" + n;
        try {
            if (client == null) {
                client = connector.get();
            }
            long start = System.nanoTime();
            sent.incrementAndGet();
            String reply = client.exchange(Batches.valid(batchId, 2));
            worstNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            if (reply != null && reply.contains("\"status\":\"ACCEPTED\"")) {
                accepted.incrementAndGet();
            } else {
                failures.add(batchId + ": " + reply);
                closeClient();
            }
        } catch (RuntimeException e) {
            failures.add(batchId + ": " + e);
            closeClient();
        }
    }

    /** Waits until {@code more} further batches were accepted. */
    public void awaitAccepted(int more) {
        int target = accepted.get() + more;
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= target || sent.get() >= MAX_BATCHES);
    }

    public int accepted() {
        return accepted.get();
    }

    /** Batches that got anything but ACCEPTED (or no reply), with what they got. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The longest a batch waited for its reply. */
    public Duration worstLatency() {
        return Duration.ofNanos(worstNanos.get());
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeClient();
    }

    private void closeClient() {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // closing a broken connection
            }
            client = null;
        }
    }
}
