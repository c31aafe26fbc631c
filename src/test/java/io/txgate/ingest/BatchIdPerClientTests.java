package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.Http;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * PROTOCOL.md guarantee 3 under mutual TLS: a batchId is unique per client identity. Two terminals using the same
 * batchIds never collide, block or learn of each other's batches: each gets ACCEPTED for its own, DUPLICATE only for
 * what it stored itself, and reads its own batch back through the read API.
 */
@TestPropertySource(properties = {"txgate.server.ssl.bundle=ingest", "txgate.server.ssl.client-auth=need"})
class BatchIdPerClientTests extends IngestServerTestBase {

    private final TestPki pki = TestPki.get();

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
    }

    @Test
    void sameBatchIdWhenUsedByTwoIdentitiesShouldBeAcceptedForEachAndReadBackAsTheirOwn() {
        try (LineClient seven = terminal(Store.CLIENT);
                LineClient eight = terminal(Store.CLIENT_OTHER)) {
            assertThat(seven.exchange(frame("shared-1", "ACC-7", 2)))
                    .isEqualTo("{\"batchId\":\"shared-1\",\"status\":\"ACCEPTED\",\"count\":2}");
            assertThat(eight.exchange(frame("shared-1", "ACC-8", 3)))
                    .as("not CONFLICT: another identity's batchId")
                    .isEqualTo("{\"batchId\":\"shared-1\",\"status\":\"ACCEPTED\",\"count\":3}");
            assertThat(seven.exchange(frame("shared-1", "ACC-7", 2)))
                    .isEqualTo("{\"batchId\":\"shared-1\",\"status\":\"DUPLICATE\",\"count\":2}");
            assertThat(eight.exchange(frame("shared-1", "ACC-8", 3)))
                    .isEqualTo("{\"batchId\":\"shared-1\",\"status\":\"DUPLICATE\",\"count\":3}");
            assertThat(eight.exchange(frame("shared-1", "ACC-7", 2)))
                    .as("its own batch with other content, not terminal 7's")
                    .contains("\"code\":\"CONFLICT\"");
        }

        JsonNode mine = get("/api/batches/shared-1?client=" + encode(TestPki.CLIENT_SUBJECT))
                .json();
        assertThat(mine.get("clientId").asString()).isEqualTo(TestPki.CLIENT_SUBJECT);
        assertThat(mine.get("count").asInt()).isEqualTo(2);
        assertThat(mine.get("transactions").get(0).get("account").asString()).isEqualTo("ACC-7");
        JsonNode theirs = get("/api/batches/shared-1?client=" + encode(TestPki.OTHER_CLIENT_SUBJECT))
                .json();
        assertThat(theirs.get("clientId").asString()).isEqualTo(TestPki.OTHER_CLIENT_SUBJECT);
        assertThat(theirs.get("count").asInt()).isEqualTo(3);
        assertThat(theirs.get("transactions").get(0).get("account").asString()).isEqualTo("ACC-8");
        assertThat(theirs.get("transactions").get(0).get("clientId").asString())
                .isEqualTo(TestPki.OTHER_CLIENT_SUBJECT);
    }

    @Test
    void exactContentOfAnotherIdentitysBatchShouldBeAcceptedNeverDuplicate() {
        String frame = frame("copied-1", "ACC-SHOP", 4);
        try (LineClient seven = terminal(Store.CLIENT)) {
            assertThat(seven.exchange(frame)).contains("\"status\":\"ACCEPTED\"");
        }
        try (LineClient eight = terminal(Store.CLIENT_OTHER)) {
            assertThat(eight.exchange(frame))
                    .as("DUPLICATE would confirm terminal 7's content to terminal 8")
                    .isEqualTo("{\"batchId\":\"copied-1\",\"status\":\"ACCEPTED\",\"count\":4}");
        }
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id = 'copied-1'", Long.class))
                .isEqualTo(2);
    }

    @Test
    void batchWhenTwoIdentitiesUsedItsIdShouldNeedTheClientParameter() {
        try (LineClient seven = terminal(Store.CLIENT);
                LineClient eight = terminal(Store.CLIENT_OTHER)) {
            assertThat(seven.exchange(frame("both-1", "ACC-7", 1))).contains("ACCEPTED");
            assertThat(eight.exchange(frame("both-1", "ACC-8", 1))).contains("ACCEPTED");
            assertThat(seven.exchange(frame("only-7", "ACC-7", 1))).contains("ACCEPTED");
        }

        Http.Response ambiguous = get("/api/batches/both-1");
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.json().get("detail").asString()).startsWith("client: 2 clients stored a batch 'both-1'");
        assertThat(get("/api/batches/only-7").json().get("clientId").asString())
                .as("one identity: no parameter needed")
                .isEqualTo(TestPki.CLIENT_SUBJECT);
        Http.Response notTheirs = get("/api/batches/only-7?client=" + encode(TestPki.OTHER_CLIENT_SUBJECT));
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.json().get("detail").asString()).contains(TestPki.OTHER_CLIENT_SUBJECT);
        assertThat(get("/api/batches/only-7?client=").status())
                .as("empty: the clients without a certificate")
                .isEqualTo(404);
    }

    private LineClient terminal(Store certificate) {
        return LineClient.over(pki.connect(ingestPort(), certificate));
    }

    private static String frame(String batchId, String account, int count) {
        var transactions = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            transactions
                    .append(i == 0 ? "" : ",")
                    .append(Batches.transaction("t" + i, account, "\"" + (i + 1) + ".00\"", "d" + i));
        }
        return Batches.batch(batchId, transactions.append(']').toString());
    }

    private Http.Response get(String path) {
        return api().as(TestTokens.READER).get(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
