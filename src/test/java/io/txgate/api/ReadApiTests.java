package io.txgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.RawHttp;
import io.txgate.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class ReadApiTests extends IngestServerTestBase {

    @Test
    void batchWhenStoredShouldBeReturnedWithEveryFieldExactly() throws Exception {
        String description = "it's \\\"quoted\\\" 😀; DROP TABLE batches;--";
        String frame = Batches.batch(
                "api-1",
                "[{\"id\":\"t1\",\"account\":\"ACC-API\",\"amount\":\"-123456789012345678.123456\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T11:15:30.123456789+01:00\",\"description\":\"" + description
                        + "\"},{\"id\":\"t2\",\"account\":\"ACC-API\",\"amount\":0.10,\"currency\":\"USD\","
                        + "\"timestamp\":\"2026-11-25T10:00:00Z\"}]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(frame)).contains("ACCEPTED");
        }

        Http.Response response = get("/api/batches/api-1");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("batchId").asString()).isEqualTo("api-1");
        assertThat(body.get("count").asInt()).isEqualTo(2);
        assertThat(body.get("receivedAt").asString()).endsWith("Z");
        JsonNode first = body.get("transactions").get(0);
        assertThat(first.get("id").asString()).isEqualTo("t1");
        assertThat(first.get("amount").isString()).isTrue();
        assertThat(first.get("amount").asString()).isEqualTo("-123456789012345678.123456");
        assertThat(first.get("timestamp").asString()).isEqualTo("2026-11-25T10:15:30.123456789Z");
        assertThat(first.get("batchId").asString()).isEqualTo("api-1");
        assertThat(first.get("clientId").isNull())
                .as("sent without a client certificate")
                .isTrue();
        assertThat(first.get("description").asString()).isEqualTo("it's \"quoted\" 😀; DROP TABLE batches;--");
        assertThat(get("/api/batches/api-1?client=").status())
                .as("client empty: the batch of the clients without a certificate")
                .isEqualTo(200);
        assertThat(get("/api/batches/api-1?client=CN%3Dnobody").status()).isEqualTo(404);
        JsonNode second = body.get("transactions").get(1);
        assertThat(second.get("amount").asString()).isEqualTo("0.10");
        assertThat(second.get("description").isNull()).isTrue();
    }

    @Test
    void transactionWhenCenturiesOldShouldKeepItsInstantAndBeFoundWithoutBounds() throws Exception {
        String frame = Batches.batch(
                "api-old",
                "[{\"id\":\"t1\",\"account\":\"ACC-OLD\",\"amount\":\"1\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"1500-03-01T00:00:00Z\"}]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(frame)).contains("ACCEPTED");
        }

        JsonNode page = get("/api/transactions?account=ACC-OLD").json();

        assertThat(page.get("transactions")).hasSize(1);
        assertThat(page.get("transactions").get(0).get("timestamp").asString()).isEqualTo("1500-03-01T00:00:00Z");
    }

    @Test
    void batchWhenUnknownShouldBe404WithJsonReason() throws Exception {
        Http.Response response = get("/api/batches/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(response.json().get("detail").asString()).contains("nope");
    }

    @Test
    void transactionsWhenPagedShouldComeNewestFirstAcrossPagesWithoutGapsOrRepeats() throws Exception {
        var transactions = new ArrayList<String>();
        for (int i = 0; i < 25; i++) {
            transactions.add("{\"id\":\"p" + i + "\",\"account\":\"ACC-PAGE\",\"amount\":\"" + i
                    + "\",\"currency\":\"EUR\",\"timestamp\":\"2026-11-25T10:" + String.format("%02d", i) + ":00Z\"}");
        }
        try (LineClient client = connect()) {
            assertThat(client.exchange(
                            Batches.batch("api-page-a", "[" + String.join(",", transactions.subList(0, 12)) + "]")))
                    .contains("ACCEPTED");
            assertThat(client.exchange(
                            Batches.batch("api-page-b", "[" + String.join(",", transactions.subList(12, 25)) + "]")))
                    .contains("ACCEPTED");
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/transactions?account=ACC-PAGE&limit=10&from=2026-11-25T10:02:00Z"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = get(query).json();
            page.get("transactions").forEach(tx -> seen.add(tx.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        var expected = new ArrayList<String>();
        for (int i = 24; i >= 2; i--) {
            expected.add("p" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    /**
     * The parameter rules one by one are {@link ReadApiParameterTests} (the web layer alone); here that a refusal
     * comes back through the whole server as the API's 400, including what the security filters refuse before the
     * controller (a query that is not percent-encoded UTF-8), with no stack trace or ERROR in the log.
     */
    @Test
    void parametersWhenBadShouldBe400NamingTheParameterThroughTheWholeServer(CapturedOutput output) {
        assertBadRequest("/api/transactions?account=A&limit=1001", "limit:");
        assertBadRequest("/api/transactions?account=A&from=%2B999999999-01-01T00:00:00Z", "from:");
        assertBadRequest("/api/transactions?account=ACC%00X", "account:");
        assertBadRequest("/api/transactions?account=A&cursor=%21%21", "cursor:");
        assertBadRequest("/api/batches/caf%C3%A9", "batchId:");
        String malformed = RawHttp.exchange(
                httpPort(),
                "GET /api/transactions?account=A&cursor=%%% HTTP/1.1\r\nAuthorization: Bearer " + TestTokens.READER);
        assertThat(RawHttp.status(malformed)).isEqualTo(400);
        assertThat(malformed).contains("cursor: not valid percent-encoded UTF-8");

        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    @Test
    void amountWhenWrittenWithLeadingZerosOrNegativeZeroShouldReadBackNormalisedAsDocumented() throws Exception {
        String frame = Batches.batch(
                "api-amounts",
                "[{\"id\":\"t1\",\"account\":\"ACC-AMT\",\"amount\":\"000000000000000001.5\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T10:00:00Z\"},"
                        + "{\"id\":\"t2\",\"account\":\"ACC-AMT\",\"amount\":\"-0.00\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T10:00:01Z\"},"
                        + "{\"id\":\"t3\",\"account\":\"ACC-AMT\",\"amount\":12.50,\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T10:00:02Z\"}]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(frame)).contains("ACCEPTED");
        }

        JsonNode transactions = get("/api/batches/api-amounts").json().get("transactions");

        assertThat(transactions.get(0).get("amount").asString()).isEqualTo("1.5");
        assertThat(transactions.get(1).get("amount").asString()).isEqualTo("0.00");
        assertThat(transactions.get(2).get("amount").asString()).isEqualTo("12.50");
    }

    @Test
    void transactionsWhenTheirInstantsAreEqualShouldBeListedLatestStoredFirstAcrossPages() throws Exception {
        var sent = new ArrayList<String>();
        try (LineClient client = connect()) {
            for (int b = 0; b < 3; b++) {
                var transactions = new ArrayList<String>();
                for (int i = 0; i < 4; i++) {
                    String id = "e" + b + "-" + i;
                    sent.add(id);
                    transactions.add("{\"id\":\"" + id + "\",\"account\":\"ACC-EQUAL\",\"amount\":\"1\","
                            + "\"currency\":\"EUR\",\"timestamp\":\"2026-11-25T10:00:00.000000001Z\"}");
                }
                assertThat(client.exchange(Batches.batch("api-equal-" + b, "[" + String.join(",", transactions) + "]")))
                        .contains("ACCEPTED");
            }
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/transactions?account=ACC-EQUAL&limit=5"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("transactions").forEach(tx -> seen.add(tx.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null && seen.size() < 100);

        Collections.reverse(sent);
        assertThat(seen).containsExactlyElementsOf(sent);
    }

    @Test
    void transactionsWhenBoundsAreNanosecondsApartShouldHonourThemExactly() throws Exception {
        String frame = Batches.batch(
                "api-nanos",
                "[{\"id\":\"n1\",\"account\":\"ACC-NANO\",\"amount\":\"1\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T10:00:00.000000499Z\"},"
                        + "{\"id\":\"n2\",\"account\":\"ACC-NANO\",\"amount\":\"1\",\"currency\":\"EUR\","
                        + "\"timestamp\":\"2026-11-25T10:00:00.000000500Z\"}]");
        try (LineClient client = connect()) {
            assertThat(client.exchange(frame)).contains("ACCEPTED");
        }

        assertThat(ids("/api/transactions?account=ACC-NANO&from=2026-11-25T10:00:00.0000005Z"))
                .containsExactly("n2");
        assertThat(ids("/api/transactions?account=ACC-NANO&to=2026-11-25T10:00:00.0000005Z"))
                .containsExactly("n1");
        assertThat(ids("/api/transactions?account=ACC-NANO")).containsExactly("n2", "n1");
    }

    private List<String> ids(String path) {
        var ids = new ArrayList<String>();
        get(path).json().get("transactions").forEach(tx -> ids.add(tx.get("id").asString()));
        return ids;
    }

    private void assertBadRequest(String path, String reason) {
        Http.Response response = get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).as(path).contains(reason);
    }

    private int httpPort() {
        return api().port();
    }

    private Http.Response get(String path) {
        return api().as(TestTokens.READER).get(path);
    }
}
