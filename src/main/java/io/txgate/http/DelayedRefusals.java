package io.txgate.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread that sends refusals a second late, while no request thread waits for them. The delay bounds how
 * often a client that ignores Retry-After can be refused: once a second per open connection.
 */
final class DelayedRefusals implements AutoCloseable {

    static final long DELAY_MILLIS = 1000;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "txgate-http-refusals");
        thread.setDaemon(true);
        return thread;
    });

    void later(Runnable refusal) {
        timer.schedule(refusal, DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
