package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.txgate.ingest.IngestTlsProperties.ClientAuth;
import io.txgate.support.TestPki;
import io.txgate.support.TestPki.Store;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Configuration mistakes fail at startup with a reason; bundle options narrow what the listener speaks. */
class IngestTlsTests {

    private final TestPki pki = TestPki.get();

    @Test
    void configureWhenClientAuthSetWithoutBundleShouldFailNamingTheSetting() {
        assertThatIllegalStateException()
                .isThrownBy(() -> IngestTls.of(tls(null, ClientAuth.NEED), new DefaultSslBundleRegistry()))
                .withMessageContaining("txgate.server.ssl.bundle");
    }

    @Test
    void configureWhenClientAuthNeedAndBundleHasNoTrustStoreShouldFail() {
        var bundles = registry(SslBundle.of(SslStoreBundle.of(pki.load(Store.SERVER), TestPki.PASSWORD, null)));

        assertThatIllegalStateException()
                .isThrownBy(() -> IngestTls.of(tls("ingest", ClientAuth.NEED), bundles))
                .withMessageContaining("no trust store");
    }

    @Test
    void configureWhenBundleHasNoKeyStoreShouldFail() {
        var bundles = registry(SslBundle.of(SslStoreBundle.of(null, null, pki.load(Store.TRUST))));

        assertThatIllegalStateException()
                .isThrownBy(() -> IngestTls.of(tls("ingest", ClientAuth.NONE), bundles))
                .withMessageContaining("no key store");
    }

    @Test
    void listenerWhenBundleOptionsAllowOnlyTls13ShouldRefuseTls12Client() throws Exception {
        var stores = SslStoreBundle.of(pki.load(Store.SERVER), TestPki.PASSWORD, pki.load(Store.TRUST));
        var bundles = registry(SslBundle.of(stores, SslBundleKey.NONE, SslOptions.of(null, new String[] {"TLSv1.3"})));
        var factory = factory();
        IngestTls.of(tls("ingest", ClientAuth.NONE), bundles).applyTo(factory);
        factory.registerListener(message -> {});
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        factory.setTaskScheduler(scheduler);
        factory.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(factory::isListening);

            try (SSLSocket tls12 = pki.connect(factory.getPort(), null, "TLSv1.2")) {
                assertThatThrownBy(tls12::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
            try (SSLSocket tls13 = pki.connect(factory.getPort(), null, "TLSv1.3", "TLSv1.2")) {
                tls13.startHandshake();
                assertThat(tls13.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
        } finally {
            factory.stop();
            scheduler.shutdown();
        }
    }

    @Test
    void configureWhenBundleOptionsNameACbcSuiteShouldFailNamingIt() {
        var stores = SslStoreBundle.of(pki.load(Store.SERVER), TestPki.PASSWORD, pki.load(Store.TRUST));
        var options = SslOptions.of(
                new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
                null);
        var bundles = registry(SslBundle.of(stores, SslBundleKey.NONE, options));

        assertThatIllegalStateException()
                .isThrownBy(() -> IngestTls.of(tls("ingest", ClientAuth.NONE), bundles))
                .withMessageContaining("options.ciphers")
                .withMessageContaining("[TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256] are not allowed");
    }

    @Test
    void configureWhenServerKeyIsRsa1024ShouldFailNamingTheKeySize() {
        var bundles =
                registry(SslBundle.of(SslStoreBundle.of(pki.load(Store.CLIENT_RSA_1024), TestPki.PASSWORD, null)));

        assertThatIllegalStateException()
                .isThrownBy(() -> IngestTls.of(tls("ingest", ClientAuth.NONE), bundles))
                .withMessageContaining("RSA 1024 bits")
                .withMessageContaining("at least RSA 2048");
    }

    private static TcpNetServerConnectionFactory factory() {
        var factory = new TcpNetServerConnectionFactory(0);
        factory.setLocalAddress("127.0.0.1");
        factory.setSoTimeout(10_000);
        factory.setApplicationEventPublisher(event -> {});
        return factory;
    }

    private static IngestTlsProperties tls(String bundle, ClientAuth clientAuth) {
        return new IngestTlsProperties(bundle, clientAuth, Duration.ofSeconds(5));
    }

    private static DefaultSslBundleRegistry registry(SslBundle bundle) {
        return new DefaultSslBundleRegistry("ingest", bundle);
    }
}
