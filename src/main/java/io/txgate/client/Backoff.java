package io.txgate.client;

import java.time.Duration;

/**
 * Capped exponential backoff: the pause before a retry doubles with every failure in a row, up to a maximum, and starts
 * over after a success. A server that is down is asked about once per {@code max}, not hammered.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Records a failure and returns the pause before the next attempt. */
    Duration failed() {
        failures++;
        // Doubling stops at the cap, so a long outage never overflows the duration.
        Duration pause = initial;
        for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) < 0 ? pause : max;
    }

    void succeeded() {
        failures = 0;
    }

    /** Failures in a row since the last success. */
    int failures() {
        return failures;
    }
}
