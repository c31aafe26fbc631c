package io.txgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.FeedFollowing;
import io.txgate.support.Http;
import io.txgate.support.IngestLoad;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change feed over real HTTP on a real SQLite store: every stored transaction exactly once and in order while 20
 * connections commit, parameters checked, long polls woken by commits and counted against the read cap (2 here).
 */
@TestPropertySource(
        properties = {"txgate.http.max-concurrent-reads=2", "management.prometheus.metrics.export.enabled=true"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedApiTests extends IngestServerTestBase {

    private static final HttpClient LONG_POLLS =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Order(1)
    void feedWhileTwentyConnectionsCommitShouldServeEveryStoredTransactionOnceInOrder() throws Exception {
        var load = IngestLoad.start("feed", new int[] {ingestPort()}, 20, 15);
        var following = new FeedFollowing();
        Http reader = api().as(TestTokens.READER);

        // Follows while the batches are committed, then until it holds what the store holds.
        while (!load.isDone()) {
            following.page(reader, 37, "200ms");
        }
        int accepted = load.get(30, TimeUnit.SECONDS);
        following.followUntil(n -> reader, () -> FeedFollowing.storedCount(jdbc), 500, Duration.ofSeconds(20));

        assertThat(accepted).isEqualTo(20 * 15 * 3);
        assertThat(following.seen()).hasSize(accepted).isEqualTo(FeedFollowing.stored(jdbc));
        assertThat(following.page(reader, 10, "0s")).isZero();
    }

    @Test
    @Order(2)
    void everyFieldShouldBeServedAsTheReadApiServesIt() {
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.batch(
                            "fields-1",
                            "[" + Batches.transaction("tx-a", "ACC-F", "\"12.50\"", "caf\\u00e9 au lait") + "]")))
                    .contains("ACCEPTED");
        }
        Http reader = api().as(TestTokens.READER);
        long before = jdbc.queryForObject("select max(row_no) from transactions", Long.class) - 1;

        JsonNode page = reader.get("/api/feed?after=" + before).json();
        JsonNode batch = reader.get("/api/batches/fields-1").json();

        JsonNode served = page.get("transactions").get(0);
        assertThat(served.get("position").asLong()).isEqualTo(before + 1);
        assertThat(page.get("next").asLong()).isEqualTo(before + 1);
        JsonNode expected = batch.get("transactions").get(0);
        assertThat(served.get("batchId").asString()).isEqualTo("fields-1");
        assertThat(served.get("clientId").isNull()).isTrue();
        for (String field : new String[] {"id", "account", "amount", "currency", "timestamp", "description"}) {
            assertThat(served.get(field)).as(field).isEqualTo(expected.get(field));
        }
        assertThat(served.get("amount").asString()).isEqualTo("12.50");
        assertThat(served.get("description").asString()).isEqualTo("café au lait");
    }

    @Test
    @Order(3)
    void badParametersShouldAnswer400NamingTheParameter() {
        Http reader = api().as(TestTokens.READER);
        String[][] cases = {
            {"after=-1", "after:"},
            {"after=abc", "after:"},
            {"limit=0", "limit:"},
            {"limit=10001", "limit:"},
            {"limit=x", "limit:"},
            {"wait=31s", "wait:"},
            {"wait=PT1M", "wait:"},
            {"wait=soon", "wait:"},
            {"wait=-PT1S", "wait:"},
            {"consumer=no%20spaces", "consumer:"},
        };
        for (String[] bad : cases) {
            var response = reader.get("/api/feed?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).as(bad[0]).startsWith(bad[1]);
        }
        assertThat(reader.get("/api/feed?limit=10000&wait=PT0.5S").status()).isEqualTo(200);
        assertThat(reader.get("/api/feed?wait=500ms").status()).isEqualTo(200);
        assertThat(reader.get("/api/feed?wait=30s&after=0").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void feedWithoutATokenOrWithoutScopeReadShouldBeRefused() {
        assertThat(api().get("/api/feed").status()).isEqualTo(401);
        assertThat(api().as(TestTokens.SCRAPER).get("/api/feed").status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void longPollWhenABatchIsCommittedShouldReturnItBeforeTheWaitEnds() throws Exception {
        long head = jdbc.queryForObject("select max(row_no) from transactions", Long.class);
        long started = System.nanoTime();
        var held = longPoll(head, "25s");
        awaitWaiting(1);

        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("wake-1", 2))).contains("ACCEPTED");
        }

        JsonNode page = JsonMapper.builder()
                .build()
                .readTree(held.get(20, TimeUnit.SECONDS).body());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
        assertThat(page.get("transactions")).hasSize(2);
        assertThat(page.get("transactions").get(0).get("batchId").asString()).isEqualTo("wake-1");
        assertThat(page.get("next").asLong()).isEqualTo(head + 2);
    }

    @Test
    @Order(6)
    void heldWaitsShouldCountAgainstTheReadCapUntilAnswered() throws Exception {
        long head = jdbc.queryForObject("select max(row_no) from transactions", Long.class);
        var first = longPoll(head, "25s");
        var second = longPoll(head, "25s");
        awaitWaiting(2);
        Http reader = api().as(TestTokens.READER);

        var refused = reader.get("/api/feed?after=0");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(reader.get("/api/transactions?account=ACC-1").status()).isEqualTo(429);

        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.valid("wake-2", 1))).contains("ACCEPTED");
        }
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> reader.get("/api/feed?after=" + head).status() == 200);
    }

    @Test
    @Order(7)
    void metricsShouldCountRequestsRowsAndTheLagOfANamedConsumer() {
        Http reader = api().as(TestTokens.READER);
        long head = jdbc.queryForObject("select max(row_no) from transactions", Long.class);
        assertThat(reader.get("/api/feed?after=0&limit=3&consumer=ledger").status())
                .isEqualTo(200);

        String metrics =
                management().as(TestTokens.SCRAPER).get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern("txgate_feed_requests_total(\\{[^}]*})? [1-9]");
        assertThat(metrics).containsPattern("txgate_feed_rows_total(\\{[^}]*})? [1-9]");
        assertThat(metrics).contains("txgate_feed_waiting");
        assertThat(metrics)
                .containsPattern("txgate_feed_consumer_lag\\{[^}]*consumer=\"ledger\"[^}]*} " + head + "\\.0");
    }

    /**
     * The page's bytes, not only its values: the feed writes its JSON field by field (FeedPageSerializer), and a
     * consumer may compare or hash lines, so names, order, number and timestamp forms and escaping are pinned here as
     * the entity-based version served them (TransactionView's forms: Instant.toString(), BigDecimal.toPlainString()).
     */
    @Test
    @Order(8)
    void aPageShouldBeTheSameBytesAsBeforeForEveryKindOfValue() {
        String transactions = "["
                + "{\"id\":\"b1\",\"account\":\"ACC-B\",\"amount\":\"-0.50\",\"currency\":\"EUR\","
                + "\"timestamp\":\"2026-11-25T10:15:30+01:00\","
                + "\"description\":\"quote \\\" backslash \\\\ tab \\t bell \\u0007 caf\u00e9 \u20ac\"},"
                + "{\"id\":\"b2\",\"account\":\"ACC-B\",\"amount\":7,\"currency\":\"USD\","
                + "\"timestamp\":\"0001-01-01T00:00:00.000001Z\"},"
                + "{\"id\":\"b3\",\"account\":\"ACC-C\",\"amount\":\"123456789012345678.123456\","
                + "\"currency\":\"EUR\",\"timestamp\":\"9999-12-31T23:59:59.999999999Z\",\"description\":\"\"},"
                + "{\"id\":\"b4\",\"account\":\"ACC-C\",\"amount\":\"-0.00\",\"currency\":\"EUR\","
                + "\"timestamp\":\"2026-11-25T10:15:30.100Z\",\"description\":\"x\"}]";
        try (LineClient client = connect()) {
            assertThat(client.exchange(Batches.batch("bytes-1", transactions))).contains("ACCEPTED");
        }
        long first = jdbc.queryForObject("select max(row_no) from transactions", Long.class) - 3;

        String body = api().as(TestTokens.READER)
                .get("/api/feed?after=" + (first - 1))
                .body();

        String common = "\"batchId\":\"bytes-1\",\"clientId\":null,";
        assertThat(body)
                .isEqualTo("{\"transactions\":["
                        + "{\"position\":" + first + "," + common
                        + "\"id\":\"b1\",\"account\":\"ACC-B\",\"amount\":\"-0.50\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T09:15:30Z\","
                        + "\"description\":\"quote \\\" backslash \\\\ tab \\t bell \\u0007 caf\u00e9 \u20ac\"},"
                        + "{\"position\":" + (first + 1) + "," + common
                        + "\"id\":\"b2\",\"account\":\"ACC-B\",\"amount\":\"7\",\"currency\":\"USD\","
                        + "\"timestamp\":\"0001-01-01T00:00:00.000001Z\",\"description\":null},"
                        + "{\"position\":" + (first + 2) + "," + common
                        + "\"id\":\"b3\",\"account\":\"ACC-C\",\"amount\":\"123456789012345678.123456\","
                        + "\"currency\":\"EUR\",\"timestamp\":\"9999-12-31T23:59:59.999999999Z\",\"description\":\"\"},"
                        + "{\"position\":" + (first + 3) + "," + common
                        + "\"id\":\"b4\",\"account\":\"ACC-C\",\"amount\":\"0.00\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T10:15:30.100Z\",\"description\":\"x\"}],"
                        + "\"next\":" + (first + 3) + "}");
    }

    private CompletableFuture<HttpResponse<String>> longPoll(long after, String wait) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + environment.getRequiredProperty("local.server.port") + "/api/feed?after=" + after
                        + "&wait=" + wait))
                .header("Authorization", "Bearer " + TestTokens.READER)
                .timeout(Duration.ofSeconds(40))
                .build();
        return LONG_POLLS.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void awaitWaiting(int requests) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> management()
                        .as(TestTokens.SCRAPER)
                        .get("/actuator/prometheus")
                        .body()
                        .contains("txgate_feed_waiting " + requests + ".0"));
    }
}
