package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import io.txgate.support.UntilClosed;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What the ingest port's TLS refuses, over real handshakes with certificates made at test time: TLS 1.2 without an
 * AEAD suite, client keys below 2048-bit RSA, and renegotiation started by the client. Each refusal has a control
 * case that succeeds, so the test cannot pass because nothing works.
 */
@TestPropertySource(
        properties = {
            "txgate.server.ssl.bundle=ingest",
            "txgate.server.ssl.client-auth=need",
            "txgate.server.ssl.handshake-timeout=5s"
        })
class TlsHardeningTests extends IngestServerTestBase {

    private static final String[] CBC_SUITES = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"
    };

    private final TestPki pki = TestPki.get();

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki.get().addJksBundle(registry, "ingest", Store.SERVER);
    }

    @Test
    void tls12ClientWhenOfferingOnlyCbcSuitesShouldBeRefusedInTheHandshake() {
        SSLSocket cbcOnly = pki.connect(ingestPort(), Store.CLIENT, "TLSv1.2");
        cbcOnly.setEnabledCipherSuites(CBC_SUITES);

        assertRefused(cbcOnly, "cbc-1");
    }

    @Test
    void tls12ClientWhenOfferingAnAeadSuiteShouldBeServed() {
        SSLSocket gcm = pki.connect(ingestPort(), Store.CLIENT, "TLSv1.2");
        gcm.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});

        try (LineClient client = LineClient.over(gcm)) {
            assertThat(client.exchange(Batches.valid("gcm-1", 1))).contains("\"status\":\"ACCEPTED\"");
            assertThat(gcm.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Test
    void clientWhenCertificateKeyIsRsa1024ShouldBeRefusedInTheHandshake() {
        assertRefused(pki.connect(ingestPort(), Store.CLIENT_RSA_1024), "rsa-1024-1");
    }

    @Test
    void clientWhenCertificateKeyIsRsa2048ShouldBeServed() {
        try (LineClient client = LineClient.over(pki.connect(ingestPort(), Store.CLIENT_RSA_2048))) {
            assertThat(client.exchange(Batches.valid("rsa-2048-1", 1))).contains("\"status\":\"ACCEPTED\"");
        }
        assertThat(storedTransactions("rsa-2048-1")).isEqualTo(1);
    }

    @Test
    void tls12ClientWhenStartingRenegotiationShouldBeCutOffWithoutReply() throws Exception {
        SSLSocket socket = pki.connect(ingestPort(), Store.CLIENT, "TLSv1.2");
        try (LineClient client = LineClient.over(socket)) {
            assertThat(client.exchange(Batches.valid("reneg-1", 1))).contains("\"status\":\"ACCEPTED\"");

            // A new ClientHello on the open connection; the server reads it before the next frame.
            socket.startHandshake();

            assertThat(UntilClosed.sendAndRead(client, Batches.valid("reneg-2", 1)))
                    .noneMatch(line -> line.contains("\"status\""));
        }
        assertThat(storedTransactions("reneg-1")).isEqualTo(1);
        assertThat(storedTransactions("reneg-2")).isZero();
    }

    @Test
    void tls13ClientWhenUpdatingKeysShouldStayServed() throws Exception {
        // TLS 1.3 has no renegotiation; startHandshake() on an open 1.3 connection sends a KeyUpdate, which is fine.
        SSLSocket socket = pki.connect(ingestPort(), Store.CLIENT, "TLSv1.3");
        try (LineClient client = LineClient.over(socket)) {
            assertThat(client.exchange(Batches.valid("keyupdate-1", 1))).contains("\"status\":\"ACCEPTED\"");
            socket.startHandshake();
            assertThat(client.exchange(Batches.valid("keyupdate-2", 1))).contains("\"status\":\"ACCEPTED\"");
        }
    }

    /** The handshake fails: no reply of any kind, the connection ends, and nothing is stored. */
    private void assertRefused(SSLSocket socket, String batchId) {
        List<String> lines;
        try (LineClient client = LineClient.over(socket)) {
            lines = UntilClosed.sendAndRead(client, Batches.valid(batchId, 1));
        }
        assertThat(lines).noneMatch(line -> line.contains("\"status\""));
        assertThat(storedTransactions(batchId)).isZero();
    }
}
