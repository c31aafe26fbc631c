package io.txgate.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code txgate.http.max-concurrent-reads} read API requests work at once and answers the others 429
 * with Retry-After: nothing waits in a queue for a turn. Reads share the database pool and the CPU with ingest; this
 * bound is what keeps a flood of reads from delaying acknowledgements (docs/performance.md).
 *
 * <p>The 429 itself is sent after a second ({@link DelayedRefusals}), with the request thread already free: a client
 * that ignores Retry-After and asks again at once would otherwise turn the cap into a storm of refusals, each costing
 * the server about as much CPU as parsing a request does, and that storm, not the reads, then took ingest's CPU.
 */
final class ReadConcurrencyLimit extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;
    private final int limit;
    private final DelayedRefusals refusals;

    ReadConcurrencyLimit(int limit, DelayedRefusals refusals) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            refuse(request, response);
            return;
        }
        boolean held = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                // A held request (the change feed's long poll) still counts until its answer is written: it holds no
                // thread, but each one is a reader that will read, and a cap that forgot them would let any number of
                // waiting feeds wake up and query at once.
                request.getAsyncContext().addListener(new ReleaseOnCompletion());
                held = true;
            }
        } finally {
            if (!held) {
                permits.release();
            }
        }
    }

    /** Gives the permit of an asynchronous request back once, whichever way it ends. */
    private final class ReleaseOnCompletion implements AsyncListener {

        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // Completion follows (Spring MVC answers the timeout and completes); released there.
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new asynchronous cycle of the same request: keep listening to it.
            event.getAsyncContext().addListener(this);
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        if (!request.isAsyncSupported()) {
            tooMany(request, response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        refusals.later(() -> {
            try {
                tooMany((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                // The client left in the meantime: nobody to tell.
            } finally {
                async.complete();
            }
        });
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemResponses.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "too many reads at once: this server answers " + limit
                        + " at a time (txgate.http.max-concurrent-reads); retry after " + RETRY_AFTER_SECONDS + " s");
    }
}
