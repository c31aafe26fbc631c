package io.txgate.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one load run when the application has started, then ends the process: exit code 0 when every batch was
 * ACCEPTED, 1 otherwise, so scripts can rely on it.
 */
class LoadRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(LoadRunner.class);

    private final LoadProperties properties;
    private final ConfigurableApplicationContext context;
    private volatile int exitCode = 1;

    LoadRunner(LoadProperties properties, ConfigurableApplicationContext context) {
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        LoadSummary summary = new LoadGenerator(properties).run();
        report(summary);
        exitCode = summary.allAccepted() ? 0 : 1;
        // The exit code must reach the shell, and the summary is all this process is for.
        System.exit(SpringApplication.exit(context, this));
    }

    private void report(LoadSummary summary) throws IOException {
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
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
