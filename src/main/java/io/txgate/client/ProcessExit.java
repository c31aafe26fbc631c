package io.txgate.client;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

/**
 * Closes the application context (so the outbox and connections are closed cleanly), then exits the JVM with the
 * run's code. It runs on a thread of its own: the thread asking for the exit is stopped by the context close and must
 * not wait for itself.
 */
final class ProcessExit implements ClientExit {

    private final ApplicationContext context;

    ProcessExit(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void exit(int code) {
        var exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> code)), "txgate-client-exit");
        exit.start();
    }
}
