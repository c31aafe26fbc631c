package io.txgate.ingest;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;

/**
 * Graceful shutdown of the ingest port: readiness goes DOWN, new connections are turned away, frames already being
 * handled are committed and answered, and only then do the connections close.
 *
 * <p>Stopping the inbound gateway closes every open connection at once, which would cut off replies to batches that
 * are being committed. This lifecycle therefore stops first (its phase is above the gateway's and the web server's),
 * and waits, at most {@code txgate.server.shutdown-grace}, until nothing is in flight. Batches that arrive on open
 * connections while it waits are answered UNAVAILABLE, so clients retry them elsewhere or later with the same batchId.
 * The store stops last and commits whatever is still queued.
 */
class IngestDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestDrain.class);
    private static final long POLL_MILLIS = 10;
    /** The inbound gateway's bean name in {@link IngestServerConfiguration}; looked up at stop, when it surely exists. */
    private static final String GATEWAY = "ingestGateway";

    private final IngestService ingest;
    private final IngestListeners ingestListeners;
    private final BeanFactory beans;
    private final ApplicationEventPublisher events;
    private final Duration grace;
    private volatile boolean running;
    private volatile boolean drainedBefore;

    IngestDrain(
            IngestService ingest,
            IngestListeners ingestListeners,
            BeanFactory beans,
            ApplicationEventPublisher events,
            IngestProperties properties) {
        this.ingest = ingest;
        this.ingestListeners = ingestListeners;
        this.beans = beans;
        this.events = events;
        this.grace = properties.shutdownGrace();
    }

    @Override
    public void start() {
        ingest.acceptNewBatches();
        if (drainedBefore) {
            // A context stopped and started again (not the first start: Boot announces readiness itself then).
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
        running = true;
    }

    @Override
    public void stop() {
        long deadline = System.nanoTime() + grace.toNanos();
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        // Connections that arrive from now on are closed as soon as they are accepted.
        ingestListeners.beforeShutdown();
        ingest.refuseNewBatches();
        log.info(
                "draining the ingest port: {} batches being stored, waiting at most {} ms",
                ingest.batchesBeingStored(),
                grace.toMillis());
        boolean drained = awaitZero(ingest::batchesBeingStored, deadline);
        // The service's count ends when the reply is decided; the gateway's when it is written. From here on the
        // gateway ignores new frames: they were not stored, and their clients see the connection close unanswered.
        if (drained && beans.containsBean(GATEWAY)) {
            drained = awaitZero(beans.getBean(GATEWAY, TcpInboundGateway.class)::beforeShutdown, deadline);
        }
        if (drained) {
            log.info("ingest port drained; closing connections");
        } else {
            log.warn(
                    "shutdown grace of {} ms ran out with {} batches being stored; closing their connections"
                            + " unanswered (queued batches are still committed; clients resend and get DUPLICATE)",
                    grace.toMillis(),
                    ingest.batchesBeingStored());
        }
        drainedBefore = true;
        running = false;
    }

    private static boolean awaitZero(IntSupplier count, long deadline) {
        while (count.getAsInt() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server (so readiness can be read while draining) and before the TCP gateway. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
