package io.txgate.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.txgate.ops.IngestMetrics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Percentiles of one second from the histogram of the Prometheus registry the server runs with. */
class LatencyWindowTests {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer accepted = timer("ACCEPTED");
    private final Timer duplicate = timer("DUPLICATE");
    private final LatencyWindow window = new LatencyWindow();

    private Timer timer(String status) {
        return IngestMetrics.ackLatency(registry, status);
    }

    @Test
    void nextWhenFirstCalledShouldHaveNothingToCompareWith() {
        accepted.record(5, TimeUnit.MILLISECONDS);

        assertThat(window.next(List.of(accepted, duplicate))).isEqualTo(LatencyWindow.Percentiles.NONE);
    }

    @Test
    void nextShouldMeasureOnlyWhatWasRecordedSinceTheLastCall() {
        window.next(List.of(accepted, duplicate));
        for (int i = 0; i < 1000; i++) {
            accepted.record(1, TimeUnit.SECONDS); // before: must not count in the next second
        }
        window.next(List.of(accepted, duplicate));
        for (int i = 0; i < 98; i++) {
            accepted.record(2, TimeUnit.MILLISECONDS);
        }
        duplicate.record(2, TimeUnit.MILLISECONDS);
        accepted.record(200, TimeUnit.MILLISECONDS);

        var percentiles = window.next(List.of(accepted, duplicate));

        // Upper bounds of the buckets that hold 2 ms and 200 ms: at least the value, less than 1.5 times it.
        assertThat(percentiles.p50Millis()).isBetween(2.0, 3.0);
        assertThat(percentiles.p99Millis()).isBetween(2.0, 3.0);
        for (int i = 0; i < 10; i++) {
            accepted.record(200, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 10; i++) {
            accepted.record(2, TimeUnit.MILLISECONDS);
        }
        var next = window.next(List.of(accepted, duplicate));
        assertThat(next.p50Millis()).isBetween(2.0, 3.0);
        assertThat(next.p99Millis()).isBetween(200.0, 300.0);
    }

    @Test
    void nextWhenNothingWasRecordedShouldBeNone() {
        window.next(List.of(accepted));
        accepted.record(3, TimeUnit.MILLISECONDS);
        window.next(List.of(accepted));

        assertThat(window.next(List.of(accepted))).isEqualTo(LatencyWindow.Percentiles.NONE);
    }

    @Test
    void betweenWhenCountsWentDownShouldBeNoneRatherThanWrong() {
        var percentiles =
                LatencyWindow.between(new double[] {5, 10, 10}, new double[] {1, 2, 12}, new double[] {1, 2, 4});

        assertThat(percentiles).isEqualTo(LatencyWindow.Percentiles.NONE);
    }
}
