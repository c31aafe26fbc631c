package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsCipherSuitesTests {

    @Test
    void jdkDefaultsWhenFilteredShouldKeepTls13AndAeadWithForwardSecrecyOnly() throws NoSuchAlgorithmException {
        String[] defaults = SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();

        String[] enabled = TlsCipherSuites.enabled(null, defaults);

        assertThat(defaults).anyMatch(suite -> suite.contains("_CBC_")).anyMatch(suite -> suite.startsWith("TLS_RSA_"));
        assertThat(enabled)
                .contains("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256")
                .contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                .noneMatch(suite -> suite.contains("_CBC_"))
                .noneMatch(suite -> suite.startsWith("TLS_RSA_"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                "TLS_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
                "SSL_RSA_WITH_3DES_EDE_CBC_SHA"
            })
    void suiteWhenCbcOrWithoutForwardSecrecyShouldNotBeAllowed(String suite) {
        assertThat(TlsCipherSuites.allowed(suite)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TLS_AES_128_GCM_SHA256",
                "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"
            })
    void suiteWhenAeadWithForwardSecrecyShouldBeAllowed(String suite) {
        assertThat(TlsCipherSuites.allowed(suite)).isTrue();
    }

    @Test
    void requestedSuitesWhenOneIsCbcShouldBeRefusedNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TlsCipherSuites.enabled(
                        new String[] {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}, new String[0]))
                .withMessageStartingWith("cipher suites [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA] are not allowed");
    }

    @Test
    void requestedSuitesWhenAllAllowedShouldBeKeptInTheirOrder() {
        String[] requested = {"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"};

        assertThat(TlsCipherSuites.enabled(requested, new String[0])).containsExactly(requested);
    }
}
