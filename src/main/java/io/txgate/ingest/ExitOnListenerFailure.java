package io.txgate.ingest;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationContext;

/**
 * A server whose ingest port no longer accepts is of no use and must not look alive: liveness goes DOWN (BROKEN),
 * then the context closes (batches in flight are still answered) and the process exits with status 1, so that systemd
 * ({@code Restart=on-failure}) or Kubernetes starts a fresh one.
 */
final class ExitOnListenerFailure implements ListenerFailure {

    private static final Logger log = LoggerFactory.getLogger(ExitOnListenerFailure.class);

    private final ApplicationContext context;
    private final IntConsumer exit;

    ExitOnListenerFailure(ApplicationContext context, IntConsumer exit) {
        this.context = context;
        this.exit = exit;
    }

    /**
     * Closes the context, then exits the JVM. On a thread of its own: the context close stops the thread that reports
     * the failure, which must not wait for itself.
     */
    static ExitOnListenerFailure exitingTheJvm(ApplicationContext context) {
        return new ExitOnListenerFailure(
                context,
                status -> new Thread(() -> System.exit(SpringApplication.exit(context, () -> status)), "txgate-exit")
                        .start());
    }

    @Override
    public void listenerStopped(String where, String reason) {
        log.error(
                "TCP ingest listener on {} stopped unexpectedly ({}): liveness DOWN, exiting with status 1 to be"
                        + " restarted",
                where,
                reason);
        AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
        exit.accept(1);
    }
}
