package io.txgate.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.txgate.ingest.ConnectionActivity;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the application's meters once a second and keeps what the status page shows: the latest figures and 15
 * minutes of per-second points. The page's requests only fetch the snapshot built here, so their cost does not grow
 * with connections or throughput, and with nobody watching the page costs one meter read a second.
 *
 * <p>Rates are the counters' differences between two samples, divided by the time between them. Everything comes from
 * Micrometer meters ({@code txgate.*}, {@code process.uptime}) except the recent rejections and the connections per
 * client identity, which no meter holds ({@link ConnectionActivity}).
 */
final class StatusSampler {

    /** 15 minutes of one point a second. */
    static final int HISTORY_SECONDS = 900;

    private static final String NO_CODE = "none";

    private final MeterRegistry registry;
    /** Client identities listed at most; the page shows how many more there are. */
    static final int IDENTITIES_SHOWN = 10;

    private final ConnectionActivity activity;
    private final Limits limits;
    private final Build build;
    private final StatusHistory history = new StatusHistory(HISTORY_SECONDS);
    private final LatencyWindow latency = new LatencyWindow();

    // Only the sampling thread touches these.
    private long previousNanos;
    private double previousStored = Double.NaN;
    private double previousGroupCount = Double.NaN;
    private double previousGroupTotal = Double.NaN;
    private double previousClientSent = Double.NaN;
    private Map<String, Double> previousReplies = Map.of();
    private Map<String, Double> previousClientReplies = Map.of();

    private volatile StatusSnapshot snapshot;

    /** The configured caps the page shows next to the open connections and the writer's queue; 0 when unknown. */
    record Limits(int maxConnections, int maxQueuedRows) {}

    /** Version and commit of the running jar; "unknown" when the build did not record them. */
    record Build(String version, String commit) {}

    /** {@code activity} is null in a process without the server. */
    StatusSampler(MeterRegistry registry, ConnectionActivity activity, Limits limits, Build build) {
        this.registry = registry;
        this.activity = activity;
        this.limits = limits;
        this.build = build;
    }

    /** The last snapshot; one is taken at once if none was yet, so the page never waits a second for its first. */
    StatusSnapshot snapshot() {
        StatusSnapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                current = snapshot;
                if (current == null) {
                    sample(System.nanoTime(), Instant.now());
                    current = snapshot;
                }
            }
        }
        return current;
    }

    /** Takes one sample; called once a second by {@link StatusConfiguration}'s timer, and by tests. */
    synchronized void sample(long nanoTime, Instant now) {
        double seconds = previousNanos == 0 ? Double.NaN : (nanoTime - previousNanos) / 1e9;
        previousNanos = nanoTime;

        StatusSnapshot.Server server = isServer() ? server(seconds) : null;
        StatusSnapshot.Client client = isClient() ? client(seconds) : null;
        history.add(new StatusPoint(
                now.getEpochSecond(),
                server == null ? Double.NaN : server.transactionsPerSecond(),
                server == null ? Double.NaN : server.batchesPerSecond(),
                server == null ? Double.NaN : server.rejectedPerSecond(),
                server == null || server.ackP50Millis() == null ? Double.NaN : server.ackP50Millis(),
                server == null || server.ackP99Millis() == null ? Double.NaN : server.ackP99Millis(),
                client == null ? Double.NaN : client.outboxDepth(),
                client == null ? Double.NaN : sum(client.replies())));
        snapshot = new StatusSnapshot(
                build.version(), build.commit(), now, uptimeSeconds(), server, client, series(history.points()));
    }

    private boolean isServer() {
        return registry.find("txgate.transactions.stored").counter() != null;
    }

    private boolean isClient() {
        return registry.find("txgate.client.outbox.depth").gauge() != null;
    }

    private StatusSnapshot.Server server(double seconds) {
        double stored = count(registry.find("txgate.transactions.stored").counter());
        double transactionsPerSecond = rate(previousStored, stored, seconds);
        previousStored = stored;

        Map<String, Double> totals = totals(registry.find("txgate.batches").counters());
        List<StatusSnapshot.ReplyCount> replies = replies(totals, previousReplies, seconds);
        previousReplies = totals;
        double acknowledged = 0;
        double rejected = 0;
        for (var reply : replies) {
            if ("REJECTED".equals(reply.status())) {
                rejected += reply.perSecond();
            } else {
                acknowledged += reply.perSecond();
            }
        }

        Collection<Timer> ackTimers = new ArrayList<>();
        ackTimers.addAll(
                registry.find("txgate.ack.latency").tag("status", "ACCEPTED").timers());
        ackTimers.addAll(
                registry.find("txgate.ack.latency").tag("status", "DUPLICATE").timers());
        LatencyWindow.Percentiles percentiles = latency.next(ackTimers);

        DistributionSummary groups = registry.find("txgate.commit.group.size").summary();
        Double groupMean = null;
        double groupMax = 0;
        if (groups != null) {
            double count = groups.count();
            double total = groups.totalAmount();
            if (!Double.isNaN(previousGroupCount) && count > previousGroupCount) {
                groupMean = (total - previousGroupTotal) / (count - previousGroupCount);
            }
            previousGroupCount = count;
            previousGroupTotal = total;
            groupMax = groups.max();
        }

        return new StatusSnapshot.Server(
                transactionsPerSecond,
                Double.isNaN(seconds) ? 0 : acknowledged,
                Double.isNaN(seconds) ? 0 : rejected,
                orNull(percentiles.p50Millis()),
                orNull(percentiles.p99Millis()),
                (long) stored,
                replies,
                (long) gauge("txgate.connections.open"),
                limits.maxConnections(),
                (long) gauge("txgate.frames.in_flight"),
                (long) gauge("txgate.store.queued.rows"),
                limits.maxQueuedRows(),
                groupMean,
                groupMax,
                optionalLong(gauge("txgate.store.size")),
                optionalLong(gauge("txgate.store.disk.free")),
                activity == null ? 0 : activity.identities().count(),
                activity == null ? List.of() : activity.identities().busiest(IDENTITIES_SHOWN),
                activity == null ? List.of() : activity.rejections().latest());
    }

    private StatusSnapshot.Client client(double seconds) {
        double sent = count(registry.find("txgate.client.batches.sent").counter());
        double sentPerSecond = rate(previousClientSent, sent, seconds);
        previousClientSent = sent;
        Map<String, Double> totals =
                totals(registry.find("txgate.client.replies").counters());
        List<StatusSnapshot.ReplyCount> replies = replies(totals, previousClientReplies, seconds);
        previousClientReplies = totals;
        return new StatusSnapshot.Client(
                (long) zeroIfNaN(gauge("txgate.client.outbox.depth")),
                zeroIfNaN(gauge("txgate.client.outbox.oldest.age")),
                (long) zeroIfNaN(gauge("txgate.client.outbox.rejected")),
                sentPerSecond,
                replies);
    }

    /** Counter totals by "status code". */
    private static Map<String, Double> totals(Collection<Counter> counters) {
        var totals = new HashMap<String, Double>();
        for (Counter counter : counters) {
            String status = counter.getId().getTag("status");
            String code = counter.getId().getTag("code");
            totals.merge(status + " " + (code == null ? NO_CODE : code), counter.count(), Double::sum);
        }
        return totals;
    }

    /** The replies seen at least once, acknowledged first, then by code. */
    private static List<StatusSnapshot.ReplyCount> replies(
            Map<String, Double> totals, Map<String, Double> previous, double seconds) {
        var replies = new ArrayList<StatusSnapshot.ReplyCount>();
        totals.forEach((key, total) -> {
            if (total > 0) {
                int space = key.indexOf(' ');
                replies.add(new StatusSnapshot.ReplyCount(
                        key.substring(0, space),
                        key.substring(space + 1),
                        total.longValue(),
                        rate(previous.getOrDefault(key, Double.NaN), total, seconds)));
            }
        });
        replies.sort(Comparator.comparing((StatusSnapshot.ReplyCount reply) -> "REJECTED".equals(reply.status()))
                .thenComparing(StatusSnapshot.ReplyCount::status)
                .thenComparing(StatusSnapshot.ReplyCount::code));
        return replies;
    }

    private static double sum(List<StatusSnapshot.ReplyCount> replies) {
        return replies.stream()
                .mapToDouble(StatusSnapshot.ReplyCount::perSecond)
                .sum();
    }

    /** Per second between two counter readings; 0 for the first sample, which has nothing to compare with. */
    private static double rate(double before, double now, double seconds) {
        if (Double.isNaN(before) || Double.isNaN(seconds) || seconds <= 0) {
            return 0;
        }
        return Math.max(0, (now - before) / seconds);
    }

    private static double count(Counter counter) {
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private long uptimeSeconds() {
        TimeGauge uptime = registry.find("process.uptime").timeGauge();
        return uptime != null
                ? (long) uptime.value(TimeUnit.SECONDS)
                : ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static Long optionalLong(double value) {
        return Double.isNaN(value) || value < 0 ? null : (long) value;
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private StatusSnapshot.Series series(List<StatusPoint> points) {
        int n = points.size();
        var t = new ArrayList<Long>(n);
        var tx = new ArrayList<Double>(n);
        var batches = new ArrayList<Double>(n);
        var rejected = new ArrayList<Double>(n);
        var p50 = new ArrayList<Double>(n);
        var p99 = new ArrayList<Double>(n);
        var outbox = new ArrayList<Double>(n);
        var clientReplies = new ArrayList<Double>(n);
        for (StatusPoint point : points) {
            t.add(point.epochSecond());
            tx.add(rounded(point.transactionsPerSecond()));
            batches.add(rounded(point.batchesPerSecond()));
            rejected.add(rounded(point.rejectedPerSecond()));
            p50.add(rounded(point.ackP50Millis()));
            p99.add(rounded(point.ackP99Millis()));
            outbox.add(rounded(point.outboxDepth()));
            clientReplies.add(rounded(point.clientRepliesPerSecond()));
        }
        return new StatusSnapshot.Series(1, t, tx, batches, rejected, p50, p99, outbox, clientReplies);
    }

    /** Three decimals are plenty for a chart, and keep 15 minutes of points near 40 KB of JSON. */
    private static Double rounded(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }
}
