package io.txgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load generator's command line: what bench/lib.sh passes, the defaults, and errors that name the option. */
class LoadPropertiesTests {

    @Test
    void optionsOfTheBenchScriptsShouldBeRead() {
        var settings = LoadProperties.parse(BenchTools.options(new String[] {
            "--ports=9400,9401",
            "--connections=64",
            "--batch-size=10",
            "--in-flight=2",
            "--batches=50000",
            "--warmup-batches=20000",
            "--run-id=bench_1",
            "--summary-file=out.json",
            "--accounts=7",
            "--reply-timeout=500ms"
        }));

        assertThat(settings.ports()).containsExactly(9400, 9401);
        assertThat(settings.connections()).isEqualTo(64);
        assertThat(settings.batchSize()).isEqualTo(10);
        assertThat(settings.inFlight()).isEqualTo(2);
        assertThat(settings.batches()).isEqualTo(50_000);
        assertThat(settings.warmupBatches()).isEqualTo(20_000);
        assertThat(settings.runId()).isEqualTo("bench_1");
        assertThat(settings.summaryFile()).isEqualTo("out.json");
        assertThat(settings.accounts()).isEqualTo(7);
        assertThat(settings.replyTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void noOptionsShouldGiveTheDefaults() {
        var settings = LoadProperties.parse(Map.of());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.ports()).isEqualTo(List.of(9400));
        assertThat(settings.connections()).isEqualTo(8);
        assertThat(settings.batches()).isEqualTo(10_000);
        assertThat(settings.replyTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badOptionsShouldBeNamed() {
        assertThatThrownBy(() -> LoadProperties.parse(Map.of("conections", "8")))
                .hasMessageContaining("--conections");
        assertThatThrownBy(() -> LoadProperties.parse(Map.of("batches", "many")))
                .hasMessageContaining("--batches must be a whole number");
        assertThatThrownBy(() -> LoadProperties.parse(Map.of("in-flight", "0")))
                .hasMessageContaining("--in-flight must be at least 1");
        assertThatThrownBy(() -> LoadProperties.parse(Map.of("ports", "70000"))).hasMessageContaining("--ports");
    }
}
