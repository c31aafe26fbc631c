package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.UntilClosed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** With client-auth=want a certificate is optional: batches are stored with its subject, or with none. */
@TestPropertySource(properties = {"txgate.server.ssl.bundle=ingest", "txgate.server.ssl.client-auth=want"})
class TlsClientAuthWantTests extends IngestServerTestBase {

    private final TestPki pki = TestPki.get();

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
    }

    @Test
    void clientWhenPresentingNoCertificateShouldBeServedAndStoredWithoutClientId() {
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), null))) {
            assertThat(client.exchange(Batches.valid("want-anon-1", 1))).contains("\"status\":\"ACCEPTED\"");
        }
        assertThat(clientIdOf("want-anon-1")).isNull();
    }

    @Test
    void clientWhenPresentingTrustedCertificateShouldBeStoredWithItsSubject() {
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT))) {
            assertThat(client.exchange(Batches.valid("want-cert-1", 1))).contains("\"status\":\"ACCEPTED\"");
        }
        assertThat(clientIdOf("want-cert-1")).isEqualTo(TestPki.CLIENT_SUBJECT);
    }

    @Test
    void clientWhenPresentingUntrustedCertificateShouldStillBeRefused() {
        // "want" makes a certificate optional, not an unverifiable one acceptable.
        List<String> lines;
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT_UNTRUSTED))) {
            lines = UntilClosed.sendAndRead(client, Batches.valid("want-untrusted-1", 1));
        }
        assertThat(lines).noneMatch(line -> line.contains("\"status\""));
        assertThat(jdbc.queryForObject(
                        "select count(*) from batches where batch_id = ?", Long.class, "want-untrusted-1"))
                .isZero();
    }

    private String clientIdOf(String batchId) {
        return jdbc.queryForObject(
                "select distinct client_id from batch_transactions where batch_id = ?", String.class, batchId);
    }
}
