package io.txgate.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load generator as the benchmark scripts run it (bench/lib.sh {@code load_start}): one run against running
 * servers, a summary in the log (and {@code --summary-file}), exit code 0 only when every batch was ACCEPTED, so
 * scripts can rely on it. A plain main on the test class path, not a mode of the server's jar.
 *
 * <p>{@code java -cp "$(cat target/bench-classpath.txt)" io.txgate.bench.LoadMain --ports=9400 --connections=8
 * --batches=6000 --summary-file=bulk.json} (options: {@link LoadProperties})
 */
public final class LoadMain {

    private static final Logger log = LoggerFactory.getLogger(LoadMain.class);

    private LoadMain() {}

    public static void main(String[] args) throws Exception {
        BenchTools.quietLogging();
        LoadProperties properties;
        try {
            properties = LoadProperties.parse(BenchTools.options(args));
        } catch (IllegalArgumentException e) {
            System.err.println("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadSummary summary = new LoadGenerator(properties).run();
        var latency = summary.latencyMs();
        log.info(
                "load run {} done in {} s (generator CPU {} s): {} tx/s, {} batches/s, latency ms p50 {} p99 {} max {},"
                        + " outcomes {}",
                summary.runId(),
                String.format("%.2f", summary.seconds()),
                String.format("%.2f", summary.generatorCpuSeconds()),
                Math.round(summary.transactionsPerSecond()),
                Math.round(summary.batchesPerSecond()),
                latency.p50(),
                latency.p99(),
                latency.max(),
                summary.statuses());
        String json = summary.toJson();
        log.info("LOAD-SUMMARY {}", json);
        if (!properties.summaryFile().isEmpty()) {
            Files.writeString(Path.of(properties.summaryFile()), json + "\n", StandardCharsets.UTF_8);
        }
        if (!summary.allAccepted()) {
            log.error(
                    "not every batch was ACCEPTED: {}{}",
                    summary.statuses(),
                    summary.warmup() == null
                            ? ""
                            : ", warm-up " + summary.warmup().statuses());
        }
        System.exit(summary.allAccepted() ? 0 : 1);
    }
}
