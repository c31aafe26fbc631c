package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.client.ClientTls;
import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.IntegrationClient;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.UntilClosed;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Real TLS handshakes against the ingest port with client certificates required. */
@TestPropertySource(
        properties = {
            "txgate.server.ssl.bundle=ingest",
            "txgate.server.ssl.client-auth=need",
            "txgate.server.ssl.handshake-timeout=3s"
        })
class MutualTlsIngestTests extends IngestServerTestBase {

    private final TestPki pki = TestPki.get();

    @Autowired
    private SslBundles sslBundles;

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
        TestPki.get().addJksBundle(registry, "terminal", Store.CLIENT);
    }

    @Test
    void batchWhenSentWithTrustedClientCertificateShouldBeAcceptedAndStoredWithItsSubject() {
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT))) {
            assertThat(client.exchange(Batches.valid("mtls-1", 2)))
                    .isEqualTo("{\"batchId\":\"mtls-1\",\"status\":\"ACCEPTED\",\"count\":2}");
            assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        assertThat(storedTransactions("mtls-1")).isEqualTo(2);
        assertThat(clientIdOf("mtls-1")).isEqualTo(TestPki.CLIENT_SUBJECT);
    }

    @Test
    void clientWhenOfferingOnlyTls12ShouldBeServedWithItsSubjectStored() {
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT, "TLSv1.2"))) {
            assertThat(client.exchange(Batches.valid("mtls-12", 1))).contains("\"status\":\"ACCEPTED\"");
            assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
        assertThat(clientIdOf("mtls-12")).isEqualTo(TestPki.CLIENT_SUBJECT);
    }

    @Test
    void plaintextClientWhenSendingToTlsPortShouldGetNoServiceAndOthersShouldStillBeServed() {
        List<String> lines;
        try (LineClient plain = connect()) {
            lines = UntilClosed.sendAndRead(plain, Batches.valid("plain-1", 1));
        }
        assertThat(lines).noneMatch(line -> line.contains("\"status\""));
        assertThat(storedTransactions("plain-1")).isZero();

        try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT))) {
            assertThat(client.exchange(Batches.valid("after-plain-1", 1))).contains("\"status\":\"ACCEPTED\"");
        }
    }

    @Test
    void clientWhenCertificateSignedByUnknownCaShouldBeRefusedBeforeTheFlow() {
        assertRefused(Store.CLIENT_UNTRUSTED, "untrusted-1");
    }

    @Test
    void clientWhenCertificateExpiredShouldBeRefusedBeforeTheFlow() {
        assertRefused(Store.CLIENT_EXPIRED, "expired-1");
    }

    @Test
    void clientWhenPresentingNoCertificateShouldBeRefusedBeforeTheFlow() {
        assertRefused(null, "anonymous-1");
    }

    @Test
    void clientWhenStallingHandshakeShouldNotBlockOthersAndShouldBeDroppedAfterHandshakeTimeout() {
        // TCP connected but no ClientHello: the server waits for it on this connection's own thread.
        try (LineClient silent = LineClient.connect(ingestPort(), Duration.ofSeconds(40))) {
            try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT))) {
                assertThat(client.exchange(Batches.valid("beside-silent-1", 1))).contains("\"status\":\"ACCEPTED\"");
            }
            long start = System.nanoTime();
            List<String> lines = UntilClosed.read(silent);

            assertThat(lines).noneMatch(line -> line.contains("\"status\""));
            // 3 s handshake timeout, far below the 60 s idle timeout that would otherwise apply.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void clientTlsSupportWhenServerNameMatchesShouldSendBatchWithItsBundleCertificate() throws Exception {
        try (var client = IntegrationClient.start(
                "localhost", ingestPort(), factory -> ClientTls.configure(factory, sslBundles, "terminal"))) {
            assertThat(client.exchange(Batches.valid("client-tls-1", 3)))
                    .isEqualTo("{\"batchId\":\"client-tls-1\",\"status\":\"ACCEPTED\",\"count\":3}");
        }
        assertThat(clientIdOf("client-tls-1")).isEqualTo(TestPki.CLIENT_SUBJECT);
    }

    /** The handshake fails: no reply of any kind, the connection ends, and nothing is stored. */
    private void assertRefused(Store clientKeyStore, String batchId) {
        List<String> lines;
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), clientKeyStore))) {
            lines = UntilClosed.sendAndRead(client, Batches.valid(batchId, 1));
        }
        assertThat(lines).noneMatch(line -> line.contains("\"status\""));
        assertThat(jdbc.queryForObject("select count(*) from batches where batch_id = ?", Long.class, batchId))
                .isZero();
    }

    private String clientIdOf(String batchId) {
        return jdbc.queryForObject(
                "select distinct client_id from batch_transactions where batch_id = ?", String.class, batchId);
    }
}
