package io.txgate.client;

import io.txgate.protocol.ReplyReader;
import io.txgate.protocol.ReplyReader.ServerReply;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers the outbox, oldest batch first, one at a time, and decides from each reply what happens to the batch.
 *
 * <ul>
 *   <li>ACCEPTED or DUPLICATE: the batch is stored, so it leaves the outbox.
 *   <li>REJECTED with UNAVAILABLE, no reply within the reply timeout, or no connection: the same frame (same batchId)
 *       is sent again after a capped exponential backoff, on a new connection where the old one failed. The server's
 *       idempotency makes this safe: a batch stored just before its reply was lost comes back as DUPLICATE.
 *   <li>REJECTED with any other code: resending the same frame cannot help, so the batch moves to the outbox's
 *       {@code rejected} table and is logged at WARN.
 * </ul>
 *
 * <p>One batch at a time keeps the outbox order on the wire and means no reply can be lost between two batches; at one
 * batch per second that costs nothing. The sender runs on its own (non-daemon) thread, so a client without a web
 * server keeps running.
 */
class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /** How long an idle sender waits for a wake-up before it looks at the outbox again anyway. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final BatchGateway gateway;
    private final ReplyReader replies = new ReplyReader();
    private final ClientRun run;
    private final ClientMetrics metrics;
    private final ClientExit exit;
    private final ClientProperties properties;
    private final TransportFailures failures;
    private final ServerSwitchLog switches;
    private final Backoff backoff;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile Thread thread;
    private String failingBatchId;

    OutboxSender(
            Outbox outbox,
            BatchGateway gateway,
            ClientRun run,
            ClientMetrics metrics,
            ClientExit exit,
            ClientProperties properties,
            TransportFailures failures,
            ServerSwitchLog switches) {
        this.outbox = outbox;
        this.gateway = gateway;
        this.run = run;
        this.metrics = metrics;
        this.exit = exit;
        this.properties = properties;
        this.failures = failures;
        this.switches = switches;
        this.backoff = new Backoff(properties.backoffInitial(), properties.backoffMax());
    }

    /** Tells an idle sender that a batch is waiting. */
    void wake() {
        wakeUps.release();
    }

    private void deliverUntilStopped() {
        while (stopped.getCount() > 0) {
            try {
                if (!deliverNext()) {
                    return;
                }
            } catch (RuntimeException e) {
                // The outbox file failed (disk full, removed): keep the batch and try again later, never lose it.
                log.error("client outbox failed, retrying: {}", e.getMessage(), e);
                pause(backoff.failed());
            }
        }
    }

    /** Handles the oldest batch, or waits for one; false when a counted run is complete. */
    private boolean deliverNext() {
        // Read before looking at the outbox: when generation was done before an empty outbox was seen, nothing is left.
        boolean generationDone = !run.wantsMore();
        Optional<Outbox.Entry> next = outbox.oldest();
        if (next.isEmpty()) {
            if (generationDone) {
                finishRun();
                return false;
            }
            awaitWork();
            return true;
        }
        deliver(next.get());
        return true;
    }

    private void deliver(Outbox.Entry entry) {
        boolean resend = entry.batchId().equals(failingBatchId);
        if (resend) {
            metrics.resent();
        } else {
            metrics.sent();
        }
        byte[] frame;
        try {
            frame = exchange(entry.frame());
        } catch (RuntimeException e) {
            retryAfterTransportFailure(entry, e);
            return;
        }
        ServerReply reply;
        try {
            reply = replies.read(frame);
            if (reply.batchId() != null && !reply.batchId().equals(entry.batchId())) {
                // Trusting it could drop a batch that was never stored.
                throw new ReplyReader.UnreadableReplyException(
                        "reply is for batch " + reply.batchId() + ", not for the batch sent", null);
            }
        } catch (ReplyReader.UnreadableReplyException e) {
            // Not a reply of this protocol: the batch's fate is unknown, so it is sent again (DUPLICATE if stored).
            retryLater(entry, e.getMessage());
            return;
        }
        metrics.reply(reply.status(), reply.code());
        if (reply.acknowledged()) {
            outbox.remove(entry);
            run.acknowledged();
            recovered(entry);
            log.info("batch {} {} count={}", entry.batchId(), reply.status(), reply.count());
        } else if (reply.retryable()) {
            retryLater(entry, "REJECTED UNAVAILABLE: " + reply.message());
        } else {
            outbox.reject(entry, reply.code(), reply.message());
            run.rejected();
            recovered(entry);
            log.warn(
                    "batch {} REJECTED {}: {}; kept in the rejected table of {}, not resent",
                    entry.batchId(),
                    reply.code(),
                    reply.message(),
                    outbox.file());
        }
    }

    private byte[] exchange(String frame) {
        byte[] reply = gateway.exchange(frame);
        if (reply == null) {
            throw new IllegalStateException("no reply");
        }
        return reply;
    }

    private void retryAfterTransportFailure(Outbox.Entry entry, RuntimeException failure) {
        metrics.reconnect();
        ServerAddress server = switches.current();
        switches.failed(server, failure);
        retryLater(entry, "cannot deliver to " + server + ": " + failures.describe(failure));
    }

    /** Backs off, then the same frame goes again: warned once per failing batch, the attempts after at debug. */
    private void retryLater(Outbox.Entry entry, String reason) {
        Duration pause = backoff.failed();
        failingBatchId = entry.batchId();
        if (backoff.failures() == 1) {
            log.warn(
                    "batch {}: {}; resending it with backoff up to {} ms",
                    entry.batchId(),
                    reason,
                    properties.backoffMax().toMillis());
        } else {
            log.debug(
                    "attempt {} for batch {} failed ({}), next in {} ms",
                    backoff.failures(),
                    entry.batchId(),
                    reason,
                    pause.toMillis());
        }
        pause(pause);
    }

    private void recovered(Outbox.Entry entry) {
        if (backoff.failures() > 0) {
            log.info("batch {} delivered after {} failed attempts", entry.batchId(), backoff.failures());
        }
        backoff.succeeded();
        failingBatchId = null;
    }

    private void finishRun() {
        int code = run.rejectedCount() == 0 ? 0 : 1;
        log.info(
                "counted run complete: {} batches generated, {} acknowledged, {} rejected; exiting with code {}",
                run.generatedCount(),
                run.acknowledgedCount(),
                run.rejectedCount(),
                code);
        exit.exit(code);
    }

    private void awaitWork() {
        try {
            if (wakeUps.tryAcquire(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    /** Waits out a backoff pause; a stop ends the wait at once. */
    private void pause(Duration pause) {
        try {
            stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    @Override
    public void start() {
        stopped = new CountDownLatch(1);
        var sender = new Thread(this::deliverUntilStopped, "txgate-client-sender");
        sender.setDaemon(false);
        thread = sender;
        sender.start();
    }

    /** Stops after the exchange in progress, which ends at the latest after the reply timeout. */
    @Override
    public void stop() {
        Thread sender = thread;
        stopped.countDown();
        wakeUps.release();
        if (sender != null && sender != Thread.currentThread()) {
            try {
                sender.join(properties.replyTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Starts after and stops before the TCP gateway it sends through (which runs in a lower phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
