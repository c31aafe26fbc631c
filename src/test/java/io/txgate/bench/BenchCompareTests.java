package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison record of bench/compare.sh: medians, ratios and the targets of issue 15. */
class BenchCompareTests {

    @Test
    void comparisonWhenNewMeetsEveryTargetShouldSayMetForEach() {
        var results = List.of(
                run("old", "sqlite", "terminals", 30_000, 60, 200),
                run("new", "sqlite", "terminals", 60_000, 30, 90),
                run("old", "sqlite", "terminals", 32_000, 58, 200),
                run("new", "sqlite", "terminals", 58_000, 34, 90),
                run("old", "sqlite", "bulk", 70_000, 200, 190),
                run("new", "sqlite", "bulk", 120_000, 150, 90),
                run("old", "postgresql", "terminals", 20_000, 50, 300),
                run("new", "postgresql", "terminals", 20_500, 49, 200));

        var comparison = BenchCompare.compare(results);

        assertThat(comparison.pairs()).hasSize(3);
        assertThat(comparison.targets()).allMatch(target -> target.startsWith("met: "));
        String markdown = comparison.markdown("03d012c", "abc1234");
        assertThat(markdown)
                .contains("| sqlite | terminals | 2/2 | 31,000 | 59,000 | 1.90x | 59.0 | 32.0 | 0.54x |")
                .contains("met: sqlite terminals tx/s 1.90x (target >= 1.80x)")
                .contains("met: postgresql terminals tx/s, no regression (5% noise allowed) 1.03x");
    }

    @Test
    void comparisonWhenATargetIsMissedOrARunIncorrectShouldSaySo() {
        var results = List.of(
                run("old", "sqlite", "terminals", 30_000, 60, 200),
                new BenchCompare.Result("new", "sqlite", "terminals", 1, 40_000, 50, 150, false, 300),
                run("old", "postgresql", "bulk", 50_000, 100, 300),
                run("new", "postgresql", "bulk", 40_000, 100, 200));

        var comparison = BenchCompare.compare(results);

        assertThat(comparison.allCorrect()).isFalse();
        assertThat(comparison.targets())
                .contains("MISSED: sqlite terminals tx/s 1.33x (target >= 1.80x)")
                .contains("MISSED: sqlite terminals database bytes per stored transaction 0.75x (target <= 0.55x)")
                .contains(
                        "MISSED: sqlite terminals every batch ACCEPTED and rows in the database = rows sent, every run")
                .contains("MISSED: postgresql bulk tx/s, no regression (5% noise allowed) 0.80x (target >= 0.95x)");
    }

    private static BenchCompare.Result run(
            String label, String store, String workload, double txPerSecond, double p99, double bytes) {
        return new BenchCompare.Result(label, store, workload, 1, txPerSecond, p99, bytes, true, 200);
    }
}
