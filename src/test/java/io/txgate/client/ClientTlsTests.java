package io.txgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txgate.support.Batches;
import io.txgate.support.IngestServerTestBase;
import io.txgate.support.IntegrationClient;
import io.txgate.support.LineClient;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The client side checks whom it talks to: the server here holds a certificate the client's CA signed, but for
 * other.example, not for the address the client dials.
 */
@TestPropertySource(properties = "txgate.server.ssl.bundle=ingest")
class ClientTlsTests extends IngestServerTestBase {

    @Autowired
    private SslBundles sslBundles;

    @DynamicPropertySource
    static void sslBundles(DynamicPropertyRegistry registry) {
        TestPki pki = TestPki.get();
        pki.addJksBundle(registry, "ingest", Store.SERVER_OTHER_NAME);
        // The client trusts the CA from a PEM file: no key store, so no client certificate.
        registry.add("spring.ssl.bundle.pem.terminal.truststore.certificate", () -> "file:" + pki.path(Store.CA_PEM));
    }

    @Test
    void clientWhenServerCertificateNamesAnotherHostShouldRefuseServerAndSendNothing() throws Exception {
        try (var client = IntegrationClient.start(
                "127.0.0.1", ingestPort(), factory -> ClientTls.configure(factory, sslBundles, "terminal"))) {
            assertThatThrownBy(() -> client.exchange(Batches.valid("wrong-host-1", 1)))
                    .hasMessageContaining("TLS handshake")
                    .hasRootCauseInstanceOf(CertificateException.class)
                    .rootCause()
                    .hasMessageContaining("127.0.0.1");
        }
        assertThat(storedTransactions("wrong-host-1")).isZero();
    }

    @Test
    void sameServerWhenClientSkipsHostCheckShouldBeReachable() {
        // The control for the test above: the certificate is trusted, so only its name made the client refuse.
        try (LineClient client = LineClient.over(TestPki.get().connectWithoutHostCheck(ingestPort(), null))) {
            assertThat(client.exchange(Batches.valid("no-host-check-1", 1))).contains("\"status\":\"ACCEPTED\"");
        }
    }

    @Test
    void clientBundleWhenNamingACbcSuiteShouldBeRefusedAtConfiguration() {
        var stores = SslStoreBundle.of(null, null, TestPki.get().load(Store.TRUST));
        var options = SslOptions.of(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}, null);
        var bundles = new DefaultSslBundleRegistry("cbc", SslBundle.of(stores, SslBundleKey.NONE, options));

        assertThatThrownBy(() -> ClientTls.configure(new TcpNetClientConnectionFactory("localhost", 1), bundles, "cbc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SSL bundle 'cbc' options.ciphers")
                .hasMessageContaining("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    }
}
