package io.txgate.ingest;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that overrun a deadline their own thread cannot enforce while it is blocked: a TLS handshake
 * (the socket's read timeout bounds each read, so a ClientHello trickled a byte every few seconds would last for
 * many minutes) and a reply write (a socket write has no timeout at all, so a client that never reads would hold its
 * thread forever). Closing the socket ends the blocked read or write. One thread checks every connection a few times
 * per shortest deadline; it also writes the {@link ClientEventLog}'s summaries on time.
 */
final class ConnectionWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);

    private final Set<IngestConnection> watched = ConcurrentHashMap.newKeySet();
    private final ClientEventLog events;
    private final ScheduledExecutorService timer;

    ConnectionWatchdog(Duration tick, ClientEventLog events) {
        this.events = events;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "txgate-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    void watch(IngestConnection connection) {
        watched.add(connection);
    }

    void forget(IngestConnection connection) {
        watched.remove(connection);
    }

    int watched() {
        return watched.size();
    }

    private void check() {
        // An exception escaping a scheduled task would cancel every later check.
        try {
            long now = System.nanoTime();
            for (IngestConnection connection : watched) {
                if (connection.isOpen()) {
                    connection.closeIfOverdue(now);
                } else {
                    watched.remove(connection);
                }
            }
            events.flush();
        } catch (RuntimeException e) {
            log.error("connection deadline check failed; trying again at the next tick", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
