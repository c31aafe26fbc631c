package io.txgate.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code txgate.http.max-concurrent-reads} read API requests work at once and answers the next one 429
 * at once, with Retry-After: nothing waits in a queue of our own. Reads share the database pool and the CPU with
 * ingest; this bound is what keeps a flood of reads from delaying acknowledgements (docs/performance.md).
 */
final class ReadConcurrencyLimit extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore permits;
    private final int limit;

    ReadConcurrencyLimit(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too many reads at once: this server answers " + limit
                            + " at a time (txgate.http.max-concurrent-reads); retry after " + RETRY_AFTER_SECONDS
                            + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
