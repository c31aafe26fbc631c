package io.txgate.bench;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a load run did: its settings, how many batches got which answer, throughput, and the acknowledgement latency
 * (from writing a frame to reading its reply line).
 *
 * @param statuses batches per outcome: {@code ACCEPTED}, {@code DUPLICATE}, {@code REJECTED:<code>}, {@code
 *     UNANSWERED} (sent, no reply), {@code NOT_SENT} (the run stopped first), {@code OUT_OF_ORDER} (a reply for another
 *     batchId); the counts add up to {@code batches}
 * @param acceptedTransactions transactions in ACCEPTED batches, which the store must now hold
 * @param generatorCpuSeconds CPU time the load generator's own process used during the run, which it took from the
 *     server when both share a machine
 * @param warmup what the warm-up batches sent before the measured ones got, or null when there were none
 */
public record LoadSummary(
        String runId,
        int connections,
        int inFlight,
        int batchSize,
        long batches,
        double rate,
        long answered,
        Map<String, Long> statuses,
        long acceptedTransactions,
        double seconds,
        double batchesPerSecond,
        double transactionsPerSecond,
        double generatorCpuSeconds,
        Latency latencyMs,
        LoadSummary warmup) {

    /** Acknowledgement latency percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {}

    public long count(String status) {
        return statuses.getOrDefault(status, 0L);
    }

    /** True when every batch of the run, warm-up included, was answered ACCEPTED. */
    public boolean allAccepted() {
        return count("ACCEPTED") == batches && (warmup == null || warmup.allAccepted());
    }

    public String toJson() {
        return JsonMapper.shared().writeValueAsString(this);
    }

    public static LoadSummary fromJson(String json) {
        return JsonMapper.shared().readValue(json, LoadSummary.class);
    }
}
