package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-transaction figures of a benchmark record. */
class BenchReportTests {

    @Test
    void writerTimeWhenMeasuredShouldGiveMicrosecondsPerTransaction() {
        var writer = new BenchReport.WriterTime(9.0, 3.25, 500_000);

        assertThat(writer.text()).isEqualTo("18.0 + 6.5");
    }

    @Test
    void writerTimeWhenNotMeasuredShouldSayNotAvailable() {
        assertThat(new BenchReport.WriterTime(Double.NaN, Double.NaN, 500_000).text())
                .isEqualTo("n/a");
        assertThat(new BenchReport.WriterTime(2.0, Double.NaN, 500_000).text()).isEqualTo("n/a");
    }

    @Test
    void cpuPerTransactionShouldDivideEachProcessGroupsSecondsByTheTransactionsStored() {
        var cpu = new BenchReport.CpuPerTransaction(16.0, 0.0, 3.0, 500_000);

        assertThat(cpu.text()).isEqualTo("32.0 + 0.0 + 6.0");
    }
}
