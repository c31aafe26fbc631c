package io.txgate.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.txgate.ingest.ConnectionActivity;
import io.txgate.ops.IngestMetrics;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Snapshots built from meters named and shaped as the server's and the client's, one second apart. */
class StatusSamplerTests {

    private static final long SECOND = 1_000_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();

    private StatusSampler serverSampler() {
        return new StatusSampler(registry, new ConnectionActivity(), new StatusSampler.Limits(1000, 200_000), build());
    }

    private static StatusSampler.Build build() {
        return new StatusSampler.Build("1.2.3", "abc1234");
    }

    private Counter batches(String status, String code) {
        return Counter.builder("txgate.batches")
                .tag("status", status)
                .tag("code", code)
                .register(registry);
    }

    private Timer ackLatency(String status) {
        return IngestMetrics.ackLatency(registry, status);
    }

    @Test
    void sampleWhenBatchesWereAnsweredShouldGiveRatesOverTheSecond() {
        Counter stored = Counter.builder("txgate.transactions.stored").register(registry);
        Counter accepted = batches("ACCEPTED", "none");
        Counter invalid = batches("REJECTED", "INVALID");
        batches("REJECTED", "MALFORMED");
        Timer latency = ackLatency("ACCEPTED");
        ackLatency("DUPLICATE");
        DistributionSummary groups =
                DistributionSummary.builder("txgate.commit.group.size").register(registry);
        Gauge.builder("txgate.connections.open", open, AtomicInteger::get).register(registry);
        Gauge.builder("txgate.store.queued.rows", queued, AtomicInteger::get).register(registry);
        var sampler = serverSampler();
        stored.increment(1000);
        accepted.increment(100);
        sampler.sample(10 * SECOND, T0);

        stored.increment(500);
        accepted.increment(50);
        invalid.increment(2);
        for (int i = 0; i < 50; i++) {
            latency.record(4, TimeUnit.MILLISECONDS);
        }
        groups.record(10);
        groups.record(30);
        open.set(7);
        queued.set(1234);
        sampler.sample(11 * SECOND, T0.plusSeconds(1));

        var server = sampler.snapshot().server();
        assertThat(server.transactionsPerSecond()).isEqualTo(500);
        assertThat(server.transactionsStored()).isEqualTo(1500);
        assertThat(server.batchesPerSecond()).isEqualTo(50);
        assertThat(server.rejectedPerSecond()).isEqualTo(2);
        assertThat(server.ackP50Millis()).isBetween(4.0, 6.0);
        assertThat(server.commitGroupMean()).isEqualTo(20);
        assertThat(server.commitGroupMax()).isEqualTo(30);
        assertThat(server.openConnections()).isEqualTo(7);
        assertThat(server.maxConnections()).isEqualTo(1000);
        assertThat(server.queuedRows()).isEqualTo(1234);
        // Only replies that happened, acknowledged first.
        assertThat(server.replies())
                .containsExactly(
                        new StatusSnapshot.ReplyCount("ACCEPTED", "none", 150, 50),
                        new StatusSnapshot.ReplyCount("REJECTED", "INVALID", 2, 2));
        assertThat(sampler.snapshot().client()).isNull();
        assertThat(sampler.snapshot().series().transactionsPerSecond()).containsExactly(0.0, 500.0);
        assertThat(sampler.snapshot().series().t()).containsExactly(T0.getEpochSecond(), T0.getEpochSecond() + 1);
    }

    @Test
    void sampleWhenTwoSecondsPassedShouldDivideByTheTimeBetweenSamples() {
        Counter stored = Counter.builder("txgate.transactions.stored").register(registry);
        var sampler = serverSampler();
        sampler.sample(SECOND, T0);
        stored.increment(300);
        sampler.sample(3 * SECOND, T0.plusSeconds(2));

        assertThat(sampler.snapshot().server().transactionsPerSecond()).isEqualTo(150);
    }

    @Test
    void jsonShouldBeValidWithNullsWhereNothingWasMeasured() {
        Counter.builder("txgate.transactions.stored").register(registry);
        ackLatency("ACCEPTED");
        var sampler = serverSampler();
        sampler.sample(SECOND, T0);

        String body = json.writeValueAsString(sampler.snapshot());
        JsonNode data = json.readTree(body);

        assertThat(body).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(data.path("version").asString()).isEqualTo("1.2.3");
        assertThat(data.path("commit").asString()).isEqualTo("abc1234");
        assertThat(data.path("server").path("ackP50Millis").isNull()).isTrue();
        assertThat(data.path("server").path("storeBytes").isNull()).isTrue();
        assertThat(data.path("series").path("ackP99Millis").get(0).isNull()).isTrue();
        assertThat(data.path("sampledAt").asString()).isEqualTo("2026-12-06T06:00:00Z");
    }

    @Test
    void historyShouldKeepFifteenMinutesOfPoints() {
        Counter.builder("txgate.transactions.stored").register(registry);
        var sampler = serverSampler();
        for (int i = 0; i < 1000; i++) {
            sampler.sample((i + 1) * SECOND, T0.plusSeconds(i));
        }

        var series = sampler.snapshot().series();
        assertThat(series.t()).hasSize(900);
        assertThat(series.t().get(0)).isEqualTo(T0.getEpochSecond() + 100);
        // Some 40 KB a second for a viewer: what /status/data sends with a full history.
        assertThat(json.writeValueAsString(sampler.snapshot()).length()).isLessThan(60_000);
    }

    @Test
    void sinceShouldKeepOnlyTheNewerPointsOfEveryColumn() {
        Counter.builder("txgate.transactions.stored").register(registry);
        var sampler = serverSampler();
        for (int i = 0; i < 900; i++) {
            sampler.sample((i + 1) * SECOND, T0.plusSeconds(i));
        }

        var series = sampler.snapshot().since(T0.getEpochSecond() + 897).series();

        assertThat(series.t()).containsExactly(T0.getEpochSecond() + 898, T0.getEpochSecond() + 899);
        assertThat(series.transactionsPerSecond()).hasSize(2);
        assertThat(series.clientRepliesPerSecond()).hasSize(2);
        assertThat(sampler.snapshot().since(T0.getEpochSecond() + 899).series().t())
                .isEmpty();
        assertThat(sampler.snapshot().since(0).series().t()).hasSize(900);
        // What a page open for a while fetches each second: the figures and one point.
        assertThat(json.writeValueAsString(sampler.snapshot().since(T0.getEpochSecond() + 898))
                        .length())
                .isLessThan(2_000);
    }

    @Test
    void sampleWhenOnlyClientMetersExistShouldShowTheOutboxAndNoServer() {
        var depth = new AtomicInteger(3);
        Gauge.builder("txgate.client.outbox.depth", depth, AtomicInteger::get).register(registry);
        Gauge.builder("txgate.client.outbox.oldest.age", () -> 12.5).register(registry);
        Gauge.builder("txgate.client.outbox.rejected", () -> 2).register(registry);
        Counter sent = Counter.builder("txgate.client.batches.sent").register(registry);
        Counter acknowledged = Counter.builder("txgate.client.replies")
                .tag("status", "ACCEPTED")
                .tag("code", "none")
                .register(registry);
        var sampler = new StatusSampler(registry, null, new StatusSampler.Limits(0, 0), build());
        sampler.sample(SECOND, T0);
        sent.increment(4);
        acknowledged.increment(4);
        sampler.sample(2 * SECOND, T0.plusSeconds(1));

        var snapshot = sampler.snapshot();
        assertThat(snapshot.server()).isNull();
        assertThat(snapshot.client().outboxDepth()).isEqualTo(3);
        assertThat(snapshot.client().oldestAgeSeconds()).isEqualTo(12.5);
        assertThat(snapshot.client().rejectedBatches()).isEqualTo(2);
        assertThat(snapshot.client().sentPerSecond()).isEqualTo(4);
        assertThat(snapshot.client().replies())
                .containsExactly(new StatusSnapshot.ReplyCount("ACCEPTED", "none", 4, 4));
        assertThat(snapshot.series().outboxDepth()).containsExactly(3.0, 3.0);
        assertThat(snapshot.series().clientRepliesPerSecond()).containsExactly(0.0, 4.0);
    }
}
