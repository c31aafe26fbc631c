package io.txgate.api;

import io.txgate.store.CommitObserver;
import io.txgate.store.FeedRow;
import io.txgate.store.StoreFeed;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the change feed's pages and holds the requests that asked to wait (long polling) without a thread each.
 *
 * <p>A held request is answered as soon as a row after its {@code after} is final. What wakes the check: this
 * server's own commits ({@link CommitObserver}, called by the writer after each commit), and a coarse timer
 * ({@code txgate.feed.recheck-interval}) for what is not signalled in-process: other instances' commits on a shared
 * PostgreSQL store, and rows that become final there only when an older transaction (of any writer) ends. One check
 * asks the store for its head once, whatever the number of waiting requests, and only while some request waits.
 * LISTEN/NOTIFY was the alternative for PostgreSQL; it needs a dedicated connection per instance outside the pool and
 * a NOTIFY per commit on the writer's path, to save at most one interval of latency.
 *
 * <p>Reads of woken requests run on this class's two threads, so a burst of wake-ups queries the store at most two at
 * a time; held requests also keep their permit of the read cap until answered (ReadConcurrencyLimit).
 */
final class FeedWaits implements CommitObserver, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedWaits.class);

    /** One feed request: what to read, and where the answer goes. */
    record Request(
            long after,
            int limit,
            Duration hold,
            String consumer,
            Consumer<FeedPage> answer,
            Consumer<Throwable> failure) {}

    private final StoreFeed store;
    private final FeedMetrics metrics;
    private final Duration recheckInterval;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;

    FeedWaits(StoreFeed store, FeedMetrics metrics, Duration recheckInterval) {
        this.store = store;
        this.metrics = metrics;
        this.recheckInterval = recheckInterval;
        this.executor = newExecutor();
    }

    private ScheduledExecutorService newExecutor() {
        return Executors.newScheduledThreadPool(2, task -> {
            var thread = new Thread(task, "txgate-feed-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Answers at once when something is there or the request does not wait; otherwise holds it. */
    void serve(Request request) {
        metrics.request();
        FeedPage page = read(request);
        if (!page.transactions().isEmpty() || request.hold().isZero() || !running) {
            answer(request, page);
            return;
        }
        var waiter = new Waiter(request);
        metrics.waitStarted();
        try {
            waiter.expiry = executor.schedule(() -> wake(waiter), request.hold().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            metrics.waitEnded();
            answer(request, page);
            return;
        }
        waiting.add(waiter);
        if (waiter.claimed.get()) {
            // A very short wait ended before it was added: it was answered, and must not stay listed.
            waiting.remove(waiter);
        }
        // A commit between the read above and the add is not missed: look once more now.
        queueCheck();
    }

    /** The client left or Spring MVC gave up: nothing to answer any more. */
    void forget(Request request) {
        waiting.removeIf(waiter -> {
            if (waiter.request == request && waiter.claim()) {
                waiter.cancelExpiry();
                metrics.waitEnded();
                return true;
            }
            return false;
        });
    }

    @Override
    public void committed(int batches, int storedTransactions, long nanos) {
        if (storedTransactions > 0 && !waiting.isEmpty()) {
            queueCheck();
        }
    }

    @Override
    public void failed(int batches, long nanos) {}

    private void queueCheck() {
        if (checkQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::check);
            } catch (RejectedExecutionException stopped) {
                checkQueued.set(false);
            }
        }
    }

    /** One head query for all waiting requests; those behind the head get their page. */
    private void check() {
        checkQueued.set(false);
        if (waiting.isEmpty()) {
            return;
        }
        long head;
        try {
            head = store.head();
        } catch (RuntimeException e) {
            // The store is unavailable: the timer looks again, and each request's wait still ends on time.
            log.debug("change feed: cannot read the store's head: {}", e.getMessage());
            return;
        }
        for (Waiter waiter : waiting) {
            if (waiter.request.after() < head) {
                wake(waiter);
            }
        }
    }

    /** Ends a wait (something new, or its time is up) by reading its page, on this class's threads. */
    private void wake(Waiter waiter) {
        if (!waiter.claim()) {
            return;
        }
        waiting.remove(waiter);
        waiter.cancelExpiry();
        metrics.waitEnded();
        try {
            executor.execute(() -> readAndAnswer(waiter.request));
        } catch (RejectedExecutionException stopped) {
            answer(waiter.request, new FeedPage(List.of(), waiter.request.after()));
        }
    }

    private void readAndAnswer(Request request) {
        try {
            answer(request, read(request));
        } catch (RuntimeException e) {
            request.failure().accept(e);
        }
    }

    private void answer(Request request, FeedPage page) {
        metrics.served(page.transactions().size());
        request.answer().accept(page);
    }

    /** The final rows after {@code after}: the head first, so every row up to it is committed and visible. */
    private FeedPage read(Request request) {
        long head = store.head();
        metrics.consumerAt(request.consumer(), request.after(), head);
        List<FeedRow> rows = store.rowsAfter(request.after(), head, request.limit());
        if (rows.isEmpty()) {
            return new FeedPage(List.of(), request.after());
        }
        return new FeedPage(rows, rows.get(rows.size() - 1).position());
    }

    @Override
    public void start() {
        if (executor.isShutdown()) {
            // Started again after a stop: Spring may stop and restart a context's lifecycle (a paused test context).
            executor = newExecutor();
        }
        executor.scheduleWithFixedDelay(
                this::queueCheck, recheckInterval.toNanos(), recheckInterval.toNanos(), TimeUnit.NANOSECONDS);
        running = true;
    }

    /**
     * Answers every held request at once with nothing new (their {@code next} is their {@code after}), before the web
     * server's graceful shutdown would wait up to 30 s for them; the consumers ask again elsewhere or after the restart.
     */
    @Override
    public void stop() {
        running = false;
        for (Waiter waiter : waiting) {
            if (waiter.claim()) {
                waiting.remove(waiter);
                waiter.cancelExpiry();
                metrics.waitEnded();
                answer(waiter.request, new FeedPage(List.of(), waiter.request.after()));
            }
        }
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A held request; claimed exactly once, by whichever of wake-up, expiry, departure or shutdown comes first. */
    private static final class Waiter {

        final Request request;
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile ScheduledFuture<?> expiry;

        Waiter(Request request) {
            this.request = request;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        /** Null only while a very short wait's expiry runs before its scheduling returned. */
        void cancelExpiry() {
            ScheduledFuture<?> scheduled = expiry;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
