package io.txgate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The status page over real HTTP on the management port of a real server: who may see what, and that rejections
 * sent over TCP show up by code and connection but never with what the frame held.
 */
@TestPropertySource(properties = "management.prometheus.metrics.export.enabled=true")
class StatusPageTests extends IngestServerTestBase {

    /** Would be in a reply or a log line if anything echoed the frame. */
    private static final String SECRET = "SECRET-7731-PAYLOAD";

    @Test
    void dataWithoutTokenShouldBe401() {
        var response = management().get("/status/data");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain("transactionsPerSecond");
    }

    @Test
    void dataWithReadOnlyTokenShouldBe403NamingTheScope() {
        var response = management().as(TestTokens.READER).get("/status/data");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("/status/data need 'metrics'");
    }

    @Test
    void dataWithUnknownTokenShouldBe401() {
        assertThat(management().as("not-a-token").get("/status/data").status()).isEqualTo(401);
    }

    @Test
    void dataWithMetricsTokenShouldBe200WithTheServersFigures() {
        var response = management().as(TestTokens.SCRAPER).get("/status/data");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode data = response.json();
        assertThat(data.path("server").path("maxConnections").asInt()).isEqualTo(1000);
        assertThat(data.path("server").path("maxQueuedRows").asInt()).isEqualTo(200_000);
        assertThat(data.path("server").path("storeBytes").asLong()).isPositive();
        assertThat(data.path("server").path("freeDiskBytes").asLong()).isPositive();
        assertThat(data.path("client").isNull()).isTrue();
        assertThat(data.path("series").path("t").size()).isPositive();
        assertThat(data.path("version").asString()).isNotBlank();
        assertThat(data.path("commit").asString()).isNotBlank();
    }

    @Test
    void dataSinceTheLastPointShouldHoldOnlyNewerPoints() {
        var scraper = management().as(TestTokens.SCRAPER);
        JsonNode full = scraper.get("/status/data").json();
        JsonNode t = full.path("series").path("t");
        long last = t.get(t.size() - 1).asLong();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode newer = scraper.get("/status/data?since=" + last).json();
            JsonNode newerT = newer.path("series").path("t");
            assertThat(newerT.size()).isPositive().isLessThan(t.size() + 10);
            for (JsonNode each : newerT) {
                assertThat(each.asLong()).isGreaterThan(last);
            }
            assertThat(newer.path("series").path("transactionsPerSecond").size())
                    .isEqualTo(newerT.size());
            assertThat(newer.path("server").path("maxConnections").asInt()).isEqualTo(1000);
        });
    }

    @Test
    void dataWhenSinceIsNotANumberShouldBe400NamingIt() {
        var response = management().as(TestTokens.SCRAPER).get("/status/data?since=yesterday");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).startsWith("since: must be an epoch second");
    }

    @Test
    void pageAndAssetsShouldBeOpenAndHoldNoData() {
        var page = management().get("/status");
        var script = management().get("/status/assets/status.js");
        var style = management().get("/status/assets/status.css");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.header("Content-Security-Policy")).hasValue(StatusPageRoutes.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).contains("<canvas id=\"chart-throughput\"").doesNotContain("transactionsStored\":");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("Authorization");
        assertThat(style.status()).isEqualTo(200);
    }

    @Test
    void pageShouldNotBeServedOnTheApiPort() {
        assertThat(api().get("/status").status()).isEqualTo(404);
        assertThat(api().as(TestTokens.SCRAPER).get("/status/data").status()).isIn(403, 404);
        assertThat(api().as(TestTokens.OPERATOR).get("/status/data").status()).isEqualTo(404);
    }

    @Test
    void rejectionsWhenSentOverTcpShouldShowCodeAndConnectionButNeverTheFrame() {
        Http scraper = management().as(TestTokens.SCRAPER);
        String connectionId;
        try (LineClient client = connect()) {
            String badAmount = Batches.batch(
                    "status-" + SECRET,
                    "[" + Batches.transaction("t1", "ACC-" + SECRET, "\"" + SECRET + "\"", SECRET) + "]");
            assertThat(client.exchange(badAmount)).contains("REJECTED");
            assertThat(client.exchange("{\"batchId\":\"" + SECRET + "\", broken"))
                    .contains("MALFORMED");
            assertThat(client.exchange(Batches.valid("status-ok-1", 3))).contains("ACCEPTED");
            connectionId = ingestConnectionFactory.getOpenConnectionIds().get(0);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var response = scraper.get("/status/data");
            JsonNode rejections = response.json().path("server").path("rejections");
            assertThat(rejections.size()).isGreaterThanOrEqualTo(2);
            assertThat(rejections.get(0).path("code").asString()).isEqualTo("MALFORMED");
            assertThat(rejections.get(0).path("connectionId").asString()).isEqualTo(connectionId);
            assertThat(rejections.get(1).path("code").asString()).isEqualTo("INVALID");
            assertThat(response.body()).doesNotContain(SECRET).doesNotContain("status-ok-1");
        });
    }

    @Test
    void throughputWhenBatchesAreSentShouldShowInTheFiguresAndTheSeries() {
        Http scraper = management().as(TestTokens.SCRAPER);
        try (LineClient client = connect()) {
            int[] sent = {0};
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(client.exchange(Batches.valid("status-tp-" + sent[0]++, 5)))
                            .contains("ACCEPTED");
                }
                JsonNode data = scraper.get("/status/data").json();
                assertThat(data.path("server").path("transactionsPerSecond").asDouble())
                        .isPositive();
                assertThat(data.path("server").path("openConnections").asInt()).isEqualTo(1);
                assertThat(data.path("server").path("ackP99Millis").asDouble()).isPositive();
                JsonNode tx = data.path("series").path("transactionsPerSecond");
                assertThat(tx.get(tx.size() - 1).asDouble()).isPositive();
            });
        }
    }
}
