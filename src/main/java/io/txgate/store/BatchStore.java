package io.txgate.store;

import io.txgate.protocol.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * The writer of the store: batches from all connections queue here and a writer thread commits them in groups.
 *
 * <p>One writer is what SQLite can do anyway (a second one would only wait on the file lock or fail with
 * SQLITE_BUSY); grouping turns the cost of one durable commit into the cost of many batches. A batch's future
 * completes only after its group's commit returned, so nothing is acknowledged before it is durable.
 *
 * <p>On PostgreSQL {@code txgate.store.writers} may start several writers, so that one group's commit overlaps the
 * next group's inserts. Each writer has a queue of its own and a batch goes to the queue its batchId hashes to: every
 * batch with one batchId is decided by one writer, in the order it arrived, exactly as with a single writer (a
 * pipelined resend with other content gets CONFLICT, never the batch sent before it). Across server instances the
 * unique key (batchId, client) decides, and the losing group is decided again.
 */
public class BatchStore implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchStore.class);
    private static final int CONFLICT_RETRIES = 3;

    private final GroupCommit groupCommit;
    private final StoreProperties properties;
    private final List<BlockingQueue<PendingBatch>> queues;
    private final AtomicInteger queuedRows = new AtomicInteger();
    private final AtomicReference<WriteFailure> lastFailure = new AtomicReference<>();
    private final List<CommitObserver> observers;
    private volatile boolean accepting;
    private volatile List<Thread> writers = List.of();
    // Only the first writer probes, so this is confined to its thread.
    private long nextProbeNanos;

    BatchStore(GroupCommit groupCommit, StoreProperties properties, ObjectProvider<CommitObserver> observers) {
        this.groupCommit = groupCommit;
        this.properties = properties;
        // Metrics and the change feed's wake-ups each listen; none configured in store-only contexts.
        this.observers = observers.orderedStream().toList();
        var perWriter = new ArrayList<BlockingQueue<PendingBatch>>(properties.writers());
        for (int i = 0; i < properties.writers(); i++) {
            perWriter.add(new LinkedBlockingQueue<>());
        }
        this.queues = List.copyOf(perWriter);
    }

    /** The last failed write since the last successful one, or null while writes succeed. */
    public record WriteFailure(Instant at, String reason) {}

    /**
     * Queues a batch for the writer. Under mutual TLS {@code clientId} is the client certificate's subject: a batchId
     * is unique per client identity, so one client's batchIds never meet another's; clients without a certificate
     * (null) share one namespace.
     *
     * @return completes with the outcome after the commit; never completes exceptionally
     */
    public CompletableFuture<StoreOutcome> store(Batch batch, String clientId) {
        var outcome = new CompletableFuture<StoreOutcome>();
        if (!accepting) {
            outcome.complete(new StoreOutcome.Unavailable("server is shutting down"));
            return outcome;
        }
        // Made here, on the caller's (connection's) thread: the fingerprint, the integer instants and the row values.
        var pending = PendingBatch.of(batch, clientId, outcome);
        int rows = pending.count();
        if (queuedRows.addAndGet(rows) > properties.maxQueuedRows()) {
            queuedRows.addAndGet(-rows);
            outcome.complete(new StoreOutcome.Unavailable(
                    "server overloaded: more than " + properties.maxQueuedRows() + " transactions waiting"));
            return outcome;
        }
        queues.get(Math.floorMod(batch.batchId().hashCode(), queues.size())).add(pending);
        return outcome;
    }

    public WriteFailure lastFailure() {
        return lastFailure.get();
    }

    public int queuedRows() {
        return queuedRows.get();
    }

    private void runWriter(BlockingQueue<PendingBatch> queue, boolean probes) {
        var group = new ArrayList<PendingBatch>();
        while (accepting || !queue.isEmpty()) {
            try {
                collectGroup(queue, group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (!group.isEmpty()) {
                commitDeciding(group);
                group.clear();
            } else if (probes) {
                probeIfDue();
            }
        }
        failRemaining(queue, "server is shutting down");
    }

    /**
     * While idle, proves now and then that the store can still be written (or again: success clears the last
     * failure). It runs on the writer thread, so it never competes with a group commit for SQLite's write lock.
     */
    private void probeIfDue() {
        long now = System.nanoTime();
        if (now - nextProbeNanos < 0) {
            return;
        }
        nextProbeNanos = now + properties.probeInterval().toNanos();
        WriteFailure before = lastFailure.get();
        try {
            groupCommit.probe();
            lastFailure.set(null);
            if (before != null) {
                log.info("store can be written again");
            }
        } catch (RuntimeException e) {
            var reason = StoreFailures.describe(e);
            lastFailure.set(new WriteFailure(Instant.now(), "probe write failed: " + reason));
            if (before == null) {
                log.warn("store cannot be written: {}", reason);
            }
        }
    }

    private void collectGroup(BlockingQueue<PendingBatch> queue, List<PendingBatch> group) throws InterruptedException {
        PendingBatch first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        int rows = take(group, first);
        long deadline = System.nanoTime() + properties.maxGroupWait().toNanos();
        while (rows < properties.maxGroupRows()) {
            long waitNanos = deadline - System.nanoTime();
            PendingBatch next = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            rows += take(group, next);
        }
    }

    private int take(List<PendingBatch> group, PendingBatch pending) {
        queuedRows.addAndGet(-pending.count());
        if (!pending.abandoned()) {
            group.add(pending);
        }
        return pending.count();
    }

    /**
     * Commits the group; when it fails, finds out per batch so that one bad batch never fails its neighbours. A unique
     * key violation means another server instance stored one of the batchIds meanwhile: deciding again sees its row.
     */
    private void commitDeciding(List<PendingBatch> group) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<StoreOutcome> outcomes = commitObserved(group);
                lastFailure.set(null);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).outcome().complete(outcomes.get(i));
                }
                return;
            } catch (RuntimeException e) {
                if (StoreFailures.isStoreUnavailable(e)) {
                    failGroup(group, e);
                    return;
                }
                if (!StoreFailures.isKeyViolation(e) || attempt >= CONFLICT_RETRIES) {
                    commitOneByOne(group, e);
                    return;
                }
                log.debug("group of {} batches met a concurrent insert, deciding again", group.size());
            }
        }
    }

    /** The store itself failed: every batch of the group gets UNAVAILABLE at once, none is tried alone. */
    private void failGroup(List<PendingBatch> group, RuntimeException failure) {
        var reason = StoreFailures.describe(failure);
        lastFailure.set(new WriteFailure(Instant.now(), reason));
        log.warn("store unavailable, {} batches answered UNAVAILABLE: {}", group.size(), reason);
        group.forEach(
                pending -> pending.outcome().complete(new StoreOutcome.Unavailable("store unavailable: " + reason)));
    }

    private List<StoreOutcome> commitObserved(List<PendingBatch> group) {
        long start = System.nanoTime();
        try {
            List<StoreOutcome> outcomes = groupCommit.commit(group);
            int stored = 0;
            for (StoreOutcome outcome : outcomes) {
                if (outcome instanceof StoreOutcome.Stored s) {
                    stored += s.count();
                }
            }
            long nanos = System.nanoTime() - start;
            for (CommitObserver observer : observers) {
                observer.committed(group.size(), stored, nanos);
            }
            return outcomes;
        } catch (RuntimeException e) {
            long nanos = System.nanoTime() - start;
            for (CommitObserver observer : observers) {
                observer.failed(group.size(), nanos);
            }
            throw e;
        }
    }

    /** Something in the group's data failed: find the batch by committing each alone, so its neighbours succeed. */
    private void commitOneByOne(List<PendingBatch> group, RuntimeException groupFailure) {
        if (group.size() == 1) {
            var reason = StoreFailures.describe(groupFailure);
            lastFailure.set(new WriteFailure(Instant.now(), reason));
            log.warn("could not store batch {}: {}", group.get(0).batchId(), reason, groupFailure);
            group.get(0).outcome().complete(new StoreOutcome.Unavailable("store unavailable: " + reason));
            return;
        }
        log.debug(
                "group of {} batches failed, committing one by one: {}",
                group.size(),
                StoreFailures.describe(groupFailure));
        for (PendingBatch pending : group) {
            commitDeciding(List.of(pending));
        }
    }

    private void failRemaining(BlockingQueue<PendingBatch> queue, String reason) {
        PendingBatch pending;
        while ((pending = queue.poll()) != null) {
            queuedRows.addAndGet(-pending.count());
            pending.outcome().complete(new StoreOutcome.Unavailable(reason));
        }
    }

    @Override
    public void start() {
        accepting = true;
        var started = new ArrayList<Thread>(properties.writers());
        for (int i = 0; i < properties.writers(); i++) {
            boolean first = i == 0;
            var queue = queues.get(i);
            var thread =
                    new Thread(() -> runWriter(queue, first), first ? "txgate-writer" : "txgate-writer-" + (i + 1));
            thread.start();
            started.add(thread);
        }
        writers = List.copyOf(started);
    }

    /** Stops taking batches, commits everything already queued, then ends the writers. */
    @Override
    public void stop() {
        accepting = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Thread running : writers) {
            try {
                running.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writers = List.of();
        // A batch queued between a writer's last look at its queue and its end would otherwise never be answered.
        queues.forEach(queue -> failRemaining(queue, "server is shutting down"));
    }

    @Override
    public boolean isRunning() {
        return !writers.isEmpty();
    }

    /** Starts before and stops after the TCP endpoints, so frames in flight can still be committed. */
    @Override
    public int getPhase() {
        return -1000;
    }
}
