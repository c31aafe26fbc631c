package io.txgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TlsVersionsTests {

    private static final String[] JDK = {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello"};

    @Test
    void enabledWhenNothingRequestedShouldBeTls13And12Only() {
        assertThat(TlsVersions.enabled(null, JDK)).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsVersions.enabled(new String[0], JDK)).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void enabledWhenOlderVersionsRequestedShouldDropThem() {
        assertThat(TlsVersions.enabled(new String[] {"TLSv1.1", "TLSv1.2", "TLSv1.2"}, JDK))
                .containsExactly("TLSv1.2");
    }

    @Test
    void enabledWhenJdkLacksTls13ShouldKeepTls12() {
        assertThat(TlsVersions.enabled(null, new String[] {"TLSv1.2", "TLSv1.1"}))
                .containsExactly("TLSv1.2");
    }

    @Test
    void enabledWhenOnlyOlderVersionsRequestedShouldFailNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TlsVersions.enabled(new String[] {"TLSv1.1"}, JDK))
                .withMessageContaining("TLSv1.1")
                .withMessageContaining("TLSv1.2");
    }
}
