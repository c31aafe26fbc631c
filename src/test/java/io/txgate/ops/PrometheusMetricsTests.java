package io.txgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Sends one batch of each outcome over a real socket and checks, by scraping /actuator/prometheus, that every counter
 * moved by exactly the right amount. Small limits make TOO_LARGE and UNAVAILABLE (overload) reproducible.
 */
@TestPropertySource(
        properties = {
            "management.prometheus.metrics.export.enabled=true",
            "txgate.server.max-transactions=6",
            "txgate.store.max-queued-rows=4"
        })
class PrometheusMetricsTests extends IngestServerTestBase {

    @Test
    void countersWhenEachOutcomeIsSentShouldMoveByExactlyThatMuch() {
        var http = management().as(TestTokens.SCRAPER);
        Map<String, Double> before = scrape(http);
        long bytes = 0;
        try (LineClient client = connect()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> value(scrape(http), "txgate_connections_open") == 1.0);
            String first = Batches.valid("metrics-1", 3);
            String second = Batches.valid("metrics-2", 2);
            String conflicting = Batches.valid("metrics-1", 1);
            String malformed = "{not json";
            String invalid = Batches.batch("metrics-bad", "[]");
            String tooMany = Batches.valid("metrics-many", 7);
            String overload = Batches.valid("metrics-overload", 5);

            assertThat(client.exchange(first)).contains("\"ACCEPTED\"");
            assertThat(client.exchange(second)).contains("\"ACCEPTED\"");
            assertThat(client.exchange(first)).contains("\"DUPLICATE\"");
            assertThat(client.exchange(conflicting)).contains("\"CONFLICT\"");
            assertThat(client.exchange(malformed)).contains("\"MALFORMED\"");
            assertThat(client.exchange(invalid)).contains("\"INVALID\"");
            assertThat(client.exchange(tooMany)).contains("\"TOO_LARGE\"");
            assertThat(client.exchange(overload)).contains("\"UNAVAILABLE\"");
            for (String frame :
                    new String[] {first, second, first, conflicting, malformed, invalid, tooMany, overload}) {
                bytes += frame.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        Map<String, Double> after = scrape(http);

        assertThat(delta(before, after, batches("ACCEPTED", "none"))).isEqualTo(2);
        assertThat(delta(before, after, batches("DUPLICATE", "none"))).isEqualTo(1);
        for (String code : new String[] {"CONFLICT", "MALFORMED", "INVALID", "TOO_LARGE", "UNAVAILABLE"}) {
            assertThat(delta(before, after, batches("REJECTED", code))).as(code).isEqualTo(1);
        }
        assertThat(delta(before, after, "txgate_transactions_stored_total")).isEqualTo(5);
        assertThat(delta(before, after, "txgate_bytes_received_total")).isEqualTo(bytes);
        assertThat(delta(before, after, "txgate_ack_latency_seconds_count{status=\"ACCEPTED\"}"))
                .isEqualTo(2);
        assertThat(delta(before, after, "txgate_ack_latency_seconds_count{status=\"REJECTED\"}"))
                .isEqualTo(5);
        assertThat(after).containsKey("txgate_ack_latency_seconds_bucket{status=\"ACCEPTED\",le=\"+Inf\"}");
        // Sent one at a time, ACCEPTED, DUPLICATE and CONFLICT each went through one group commit of one batch.
        assertThat(delta(before, after, "txgate_commit_duration_seconds_count{result=\"ok\"}"))
                .isEqualTo(4);
        assertThat(delta(before, after, "txgate_commit_group_size_sum")).isEqualTo(4);
        assertThat(value(after, "txgate_frames_in_flight")).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> value(scrape(http), "txgate_connections_open") == 0.0);
    }

    private static String batches(String status, String code) {
        return "txgate_batches_total{code=\"" + code + "\",status=\"" + status + "\"}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series %s is exported", series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private static double value(Map<String, Double> scrape, String series) {
        assertThat(scrape).as("series %s is exported", series).containsKey(series);
        return scrape.get(series);
    }

    /** Parses the text exposition format: "name{labels} value" per line, comments skipped. */
    private static Map<String, Double> scrape(Http http) {
        var response = http.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        var series = new HashMap<String, Double>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return series;
    }
}
