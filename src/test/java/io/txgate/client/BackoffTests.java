package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void pauseWhenFailuresRepeatShouldDoubleUpToTheCap() {
        var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 10_000; i++) {
            assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void pauseWhenSucceededShouldStartOver() {
        var backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
        backoff.failed();
        backoff.failed();

        backoff.succeeded();

        assertThat(backoff.failures()).isZero();
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(200));
    }
}
