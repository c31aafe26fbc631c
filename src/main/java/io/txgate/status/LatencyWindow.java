package io.txgate.status;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Percentiles of the replies of the last second, from the latency timers' histogram buckets: the bucket counts now
 * minus those a second ago. No extra recording on the connections' threads, and no second source of truth: it is the
 * same histogram that {@code /actuator/prometheus} publishes. A percentile is the upper bound of the bucket it falls
 * in, so it reads as "at most"; the buckets are about 10-30% apart.
 */
final class LatencyWindow {

    private double[] previous = new double[0];

    /** The last second's percentiles in milliseconds, {@code NaN} when no reply was timed in it. */
    record Percentiles(double p50Millis, double p99Millis) {
        static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN);
    }

    Percentiles next(Collection<Timer> timers) {
        double[] counts = null;
        double[] upper = null;
        for (Timer timer : timers) {
            CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
            if (counts == null) {
                counts = new double[buckets.length];
                upper = new double[buckets.length];
                for (int i = 0; i < buckets.length; i++) {
                    upper[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
                }
            }
            if (buckets.length != counts.length) {
                continue; // not the same histogram layout; the timers this reads are all built alike
            }
            for (int i = 0; i < buckets.length; i++) {
                counts[i] += buckets[i].count();
            }
        }
        if (counts == null || counts.length == 0) {
            return Percentiles.NONE;
        }
        Percentiles result = previous.length == counts.length ? between(previous, counts, upper) : Percentiles.NONE;
        previous = counts;
        return result;
    }

    /** Percentiles of what was added between two cumulative bucket counts. */
    static Percentiles between(double[] before, double[] after, double[] upperMillis) {
        int last = after.length - 1;
        double total = after[last] - before[last];
        if (total <= 0) {
            return Percentiles.NONE;
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (int i = 0; i <= last; i++) {
            double added = after[i] - before[i];
            if (added < 0) {
                // The registry started its histogram anew (a rotating one, as in a non-Prometheus registry).
                return Percentiles.NONE;
            }
            if (Double.isNaN(p50) && added >= 0.5 * total) {
                p50 = upperMillis[i];
            }
            if (Double.isNaN(p99) && added >= 0.99 * total) {
                p99 = upperMillis[i];
            }
        }
        return new Percentiles(p50, p99);
    }
}
