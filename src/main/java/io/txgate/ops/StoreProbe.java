package io.txgate.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Writes one row every few seconds to learn whether the store can still be written.
 *
 * <p>A read ("select 1") keeps answering on a database that is read-only, full or locked by another process, and the
 * writer only learns of such a failure when a batch arrives; this probe finds it without traffic, and finds the
 * recovery too. It writes on its own connection, outside the batch writer: one tiny autocommit update that waits for
 * the writer's lock like any other SQLite writer.
 */
class StoreProbe implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreProbe.class);

    private final JdbcTemplate jdbc;
    private final HealthProperties properties;
    private final Clock clock;
    private volatile Result last;
    private volatile Instant lastSuccess;
    private ScheduledExecutorService scheduler;

    StoreProbe(JdbcTemplate jdbc, HealthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** One probe's outcome; {@code failure} is null when the write succeeded. */
    record Result(Instant at, String failure) {

        boolean ok() {
            return failure == null;
        }
    }

    /** The latest probe, or null before the first one finished. */
    Result last() {
        return last;
    }

    /** When a probe last succeeded, or null if none has. */
    Instant lastSuccess() {
        return lastSuccess;
    }

    /** Probes now, on the caller's thread. */
    Result probe() {
        Instant now = clock.instant();
        Result result;
        try {
            int rows = jdbc.update("update store_probe set checked_at = ? where id = 1", now.toString());
            if (rows == 0) {
                jdbc.update("insert into store_probe (id, checked_at) values (1, ?)", now.toString());
            }
            result = new Result(now, null);
            lastSuccess = now;
        } catch (RuntimeException e) {
            result = new Result(now, rootMessage(e));
        }
        report(last, result);
        last = result;
        return result;
    }

    /** Logs changes only: a store that stays down must not write a line every few seconds. */
    private static void report(Result before, Result now) {
        if (!now.ok() && (before == null || before.ok())) {
            log.warn("store cannot be written: {}", now.failure());
        } else if (now.ok() && before != null && !before.ok()) {
            log.info("store can be written again");
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads());
        long interval = properties.storeProbeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::probe, 0, interval, TimeUnit.MILLISECONDS);
    }

    private static CustomizableThreadFactory daemonThreads() {
        var threads = new CustomizableThreadFactory("txgate-store-probe-");
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
