package io.txgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.txgate.ingest.FrameObserver;
import io.txgate.ingest.IngestListeners;
import io.txgate.protocol.ErrorCode;
import io.txgate.protocol.Frame;
import io.txgate.protocol.Reply;
import io.txgate.store.CommitObserver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's metrics, all named {@code txgate.*}. Every series is registered at start (at zero), so dashboards
 * and rate() see a rejection code before its first occurrence.
 */
public class IngestMetrics implements FrameObserver, CommitObserver {

    static final String NO_CODE = "none";

    private final Map<Reply.Status, Counter> acknowledged = new EnumMap<>(Reply.Status.class);
    private final Map<ErrorCode, Counter> rejected = new EnumMap<>(ErrorCode.class);
    private final Map<Reply.Status, Timer> ackLatency = new EnumMap<>(Reply.Status.class);
    private final Counter bytesReceived;
    private final Counter transactionsStored;
    private final DistributionSummary groupSize;
    private final Timer commitOk;
    private final Timer commitFailed;
    private final AtomicInteger framesInFlight = new AtomicInteger();

    IngestMetrics(MeterRegistry registry, IngestListeners ingestListeners) {
        for (Reply.Status status : Reply.Status.values()) {
            if (status != Reply.Status.REJECTED) {
                acknowledged.put(status, batches(registry, status, NO_CODE));
            }
            ackLatency.put(status, ackLatency(registry, status.name()));
        }
        for (ErrorCode code : ErrorCode.values()) {
            rejected.put(code, batches(registry, Reply.Status.REJECTED, code.name()));
        }
        bytesReceived = Counter.builder("txgate.bytes.received")
                .description("frame body bytes read from ingest connections (line endings not counted)")
                .register(registry);
        transactionsStored = Counter.builder("txgate.transactions.stored")
                .description("transactions newly committed to the store")
                .register(registry);
        groupSize = DistributionSummary.builder("txgate.commit.group.size")
                .description("batches committed together in one database transaction")
                .register(registry);
        commitOk = commitTimer(registry, "ok");
        commitFailed = commitTimer(registry, "failed");
        Gauge.builder("txgate.frames.in_flight", framesInFlight, AtomicInteger::get)
                .description("frames read and not yet answered")
                .register(registry);
        Gauge.builder("txgate.connections.open", ingestListeners, IngestListeners::total)
                .description("open ingest connections, on all listeners together")
                .register(registry);
    }

    private static Counter batches(MeterRegistry registry, Reply.Status status, String code) {
        return Counter.builder("txgate.batches")
                .description("frames answered, by reply status and rejection code")
                .tag("status", status.name())
                .tag("code", code)
                .register(registry);
    }

    /**
     * The acknowledgement latency of one reply status, with the histogram the status page computes its percentiles
     * from (io.txgate.status.LatencyWindow); its tests register the timer through here, so they see the same buckets.
     */
    public static Timer ackLatency(MeterRegistry registry, String status) {
        return Timer.builder("txgate.ack.latency")
                .description("time from a frame being read to its reply being ready")
                .tag("status", status)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static Timer commitTimer(MeterRegistry registry, String result) {
        return Timer.builder("txgate.commit.duration")
                .description("time of one group commit (one database transaction)")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void received(Frame frame) {
        framesInFlight.incrementAndGet();
        if (frame instanceof Frame.Body body) {
            bytesReceived.increment(body.bytes().length);
        } else if (frame instanceof Frame.Oversized oversized) {
            bytesReceived.increment(oversized.bytes());
        } else if (frame instanceof Frame.Overloaded overloaded) {
            bytesReceived.increment(overloaded.bytes());
        }
    }

    @Override
    public void answered(Reply reply, long nanos) {
        framesInFlight.decrementAndGet();
        Counter counter = reply.acknowledged()
                ? acknowledged.get(reply.status())
                : rejected.get(reply.error().code());
        counter.increment();
        ackLatency.get(reply.status()).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void committed(int batches, int storedTransactions, long nanos) {
        groupSize.record(batches);
        transactionsStored.increment(storedTransactions);
        commitOk.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(int batches, long nanos) {
        commitFailed.record(nanos, TimeUnit.NANOSECONDS);
    }
}
