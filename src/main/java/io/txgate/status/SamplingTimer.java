package io.txgate.status;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one status sample a second on a daemon thread of its own, stopped with the context. A failed sample is
 * logged and the next one taken: a meter that throws must not end the page's updates for good.
 */
final class SamplingTimer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SamplingTimer.class);

    private final ScheduledExecutorService timer;

    SamplingTimer(StatusSampler sampler) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "txgate-status");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        sampler.sample(System.nanoTime(), Instant.now());
                    } catch (RuntimeException e) {
                        log.warn("status sample failed, trying again in a second: {}", e.toString());
                    }
                },
                0,
                1,
                TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
