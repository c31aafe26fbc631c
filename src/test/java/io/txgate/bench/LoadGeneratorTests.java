package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.txgate.support.IngestServerTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load mode against a real server: its summary must agree with what the database holds. */
class LoadGeneratorTests extends IngestServerTestBase {

    @Test
    void summaryWhenPipeliningShouldCountExactlyTheRowsTheDatabaseHolds() throws Exception {
        LoadSummary summary = new LoadGenerator(settings("lt-pipe", 4, 3, 120)).run();

        assertThat(summary.statuses()).containsOnly(entry("ACCEPTED", 120L));
        assertThat(summary.allAccepted()).isTrue();
        assertThat(summary.answered()).isEqualTo(120);
        assertThat(summary.acceptedTransactions()).isEqualTo(600).isEqualTo(storedRows("lt-pipe"));
        assertThat(storedBatches("lt-pipe")).isEqualTo(120);
        assertThat(summary.latencyMs().max()).isPositive();
        assertThat(LoadSummary.fromJson(summary.toJson())).isEqualTo(summary);
    }

    @Test
    void summaryWhenOneInFlightShouldCountExactlyTheRowsTheDatabaseHolds() throws Exception {
        LoadSummary summary = new LoadGenerator(settings("lt-one", 3, 1, 30)).run();

        assertThat(summary.statuses()).containsOnly(entry("ACCEPTED", 30L));
        assertThat(summary.acceptedTransactions()).isEqualTo(150).isEqualTo(storedRows("lt-one"));
    }

    @Test
    void runWithWarmupShouldMeasureOnlyTheMeasuredBatchesAndCountBothPhasesTheDatabaseHolds() throws Exception {
        var settings = settings("lt-warm", 3, 2, 40, 25);

        LoadSummary summary = new LoadGenerator(settings).run();

        assertThat(summary.statuses()).containsOnly(entry("ACCEPTED", 40L));
        assertThat(summary.answered()).isEqualTo(40);
        assertThat(summary.latencyMs().max()).isPositive();
        assertThat(summary.warmup()).isNotNull();
        assertThat(summary.warmup().runId()).isEqualTo("lt-warm-w");
        assertThat(summary.warmup().statuses()).containsOnly(entry("ACCEPTED", 25L));
        assertThat(summary.allAccepted()).isTrue();
        assertThat(storedRows("lt-warm-w")).isEqualTo(125);
        assertThat(storedBatches("lt-warm-w")).isEqualTo(25);
        assertThat(jdbc.queryForObject(
                        "select count(*) from batch_transactions where batch_id like 'lt-warm-%' and batch_id not like"
                                + " 'lt-warm-w-%'",
                        Long.class))
                .isEqualTo(summary.acceptedTransactions())
                .isEqualTo(200);
        assertThat(LoadSummary.fromJson(summary.toJson())).isEqualTo(summary);
    }

    @Test
    void allAcceptedWhenOnlyTheWarmupWasNotShouldBeFalse() throws Exception {
        // Its batchIds lt-wacc-w-0 .. 5 are the warm-up batchIds of the run below.
        new LoadGenerator(settings("lt-wacc-w", 2, 1, 6)).run();

        LoadSummary summary = new LoadGenerator(settings("lt-wacc", 2, 1, 10, 6)).run();

        assertThat(summary.warmup().statuses()).containsOnly(entry("DUPLICATE", 6L));
        assertThat(summary.statuses()).containsOnly(entry("ACCEPTED", 10L));
        assertThat(summary.allAccepted()).isFalse();
    }

    @Test
    void runWhenRepeatedWithTheSameRunIdShouldBeAllDuplicatesAndStoreNothingNew() throws Exception {
        new LoadGenerator(settings("lt-again", 2, 2, 20)).run();

        LoadSummary again = new LoadGenerator(settings("lt-again", 2, 2, 20)).run();

        assertThat(again.statuses()).containsOnly(entry("DUPLICATE", 20L));
        assertThat(again.allAccepted()).isFalse();
        assertThat(again.acceptedTransactions()).isZero();
        assertThat(storedRows("lt-again")).isEqualTo(100);
    }

    private LoadProperties settings(String runId, int connections, int inFlight, long batches) {
        return settings(runId, connections, inFlight, batches, 0);
    }

    private LoadProperties settings(String runId, int connections, int inFlight, long batches, long warmupBatches) {
        return new LoadProperties(
                "127.0.0.1",
                List.of(ingestPort()),
                connections,
                inFlight,
                5,
                batches,
                warmupBatches,
                SampleBatches.DEFAULT_ACCOUNTS,
                0,
                Duration.ofSeconds(20),
                runId,
                "");
    }

    private long storedRows(String runId) {
        return jdbc.queryForObject(
                "select count(*) from batch_transactions where batch_id like ?", Long.class, runId + "-%");
    }

    private long storedBatches(String runId) {
        return jdbc.queryForObject("select count(*) from batches where batch_id like ?", Long.class, runId + "-%");
    }
}
