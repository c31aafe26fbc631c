package io.txgate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Under mutual TLS the status page counts open connections per client certificate, until they close. */
@TestPropertySource(properties = {"txgate.server.ssl.bundle=ingest", "txgate.server.ssl.client-auth=need"})
class StatusMutualTlsTests extends IngestServerTestBase {

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
    }

    @Test
    void identitiesWhenTerminalsAreConnectedShouldCountTheirConnectionsUntilTheyClose() {
        var pki = TestPki.get();
        var scraper = management().as(TestTokens.SCRAPER);
        try (LineClient first = LineClient.over(pki.connect(ingestPort(), Store.CLIENT));
                LineClient second = LineClient.over(pki.connect(ingestPort(), Store.CLIENT))) {
            assertThat(first.exchange(Batches.valid("identity-1", 1))).contains("ACCEPTED");
            assertThat(second.exchange(Batches.valid("identity-2", 1))).contains("ACCEPTED");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode server = scraper.get("/status/data").json().path("server");
                assertThat(server.path("identityCount").asInt()).isEqualTo(1);
                assertThat(server.path("identities").get(0).path("subject").asString())
                        .isEqualTo(TestPki.CLIENT_SUBJECT);
                assertThat(server.path("identities").get(0).path("connections").asInt())
                        .isEqualTo(2);
            });
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scraper.get("/status/data")
                                .json()
                                .path("server")
                                .path("identityCount")
                                .asInt())
                        .isZero());
    }
}
